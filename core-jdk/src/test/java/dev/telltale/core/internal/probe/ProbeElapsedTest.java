package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The elapsed time instruments record is the call's: above zero, and no more than the time the
 * caller measured around the call (a bound that follows from the order of the clock's readings,
 * not from how fast the machine is). On return and on exception, through a proxy and through a
 * handle's lean combinator, and for a log through the full path.
 */
class ProbeElapsedTest {

    interface Work {
        long work(long n);
    }

    /** Returns {@code n} once the clock has moved; throws for a negative one. */
    static long work(long n) {
        long start = System.nanoTime();
        for (int i = 0; i < 10_000_000 && System.nanoTime() == start; i++) {
            Thread.onSpinWait();
        }
        if (n < 0) {
            throw new IllegalArgumentException("negative " + n);
        }
        return n;
    }

    private static final MethodHandle WORK;

    static {
        try {
            WORK = MethodHandles.lookup().findStatic(ProbeElapsedTest.class, "work",
                    MethodType.methodType(long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FakeEngine engine = new FakeEngine(); // reports every 10 s: only the last one in a test
    private final Probes probes = engine.probes();

    @AfterEach
    void close() {
        engine.close();
    }

    /** Runs {@code call}, returns the nanoseconds around it. */
    private static long around(ThrowingCall call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (Throwable expected) {
            // the calls that throw are checked by the caller's assertThrows elsewhere
        }
        return System.nanoTime() - start;
    }

    interface ThrowingCall {
        void run() throws Throwable;
    }

    private Event lastMetric(Probe probe, String name) {
        assertTrue(probe.remove(name));
        return engine.events("probe.metric").stream().filter(e -> name.equals(e.field("instrument"))).findFirst()
                .orElseThrow(() -> new AssertionError("no probe.metric of " + name + " in " + engine.events()));
    }

    private static void assertWithin(Event metric, long outer) {
        assertEquals(1L, metric.field("count"), metric.fields().toString());
        long min = ((Number) metric.field("min_ns")).longValue();
        long max = ((Number) metric.field("max_ns")).longValue();
        assertTrue(min > 0, "elapsed " + min + " is above zero");
        assertTrue(max <= outer, "elapsed " + max + " within the " + outer + " ns the caller measured");
    }

    @Test
    void proxyTimer_onReturn_recordsTheCallsTime() {
        Work w = probes.proxy(Work.class, ProbeElapsedTest::work);
        Probe probe = probes.attach(Target.method(Work.class, "work"));
        probe.add(InstrumentSpec.timer("t").build());
        long outer = around(() -> w.work(1));
        assertWithin(lastMetric(probe, "t"), outer);
    }

    @Test
    void proxyTimer_onException_recordsTheCallsTime() {
        Work w = probes.proxy(Work.class, ProbeElapsedTest::work);
        Probe probe = probes.attach(Target.method(Work.class, "work"));
        probe.add(InstrumentSpec.timer("t").event(ProbeEvent.EXCEPTION).build());
        assertThrows(IllegalArgumentException.class, () -> w.work(-1));
        long outer = around(() -> w.work(-1));
        assertTrue(probe.instruments().get(0).hits() == 2L);
        Event metric = lastMetric(probe, "t");
        assertEquals(2L, metric.field("count"));
        assertTrue(((Number) metric.field("min_ns")).longValue() > 0, metric.fields().toString());
        assertTrue(((Number) metric.field("min_ns")).longValue() <= outer, metric.fields() + " outer " + outer);
    }

    @Test
    void handleTimer_onReturn_recordsTheCallsTime() {
        MethodHandle h = probes.handle("work", WORK);
        Probe probe = probes.attach(Target.handle("work"));
        probe.add(InstrumentSpec.timer("t").build());
        assertEquals(Site.Mode.LEAN, engine.registry().handleSite("work").site().mode());
        long outer = around(() -> {
            long unused = (long) h.invokeExact(1L);
        });
        assertWithin(lastMetric(probe, "t"), outer);
    }

    @Test
    void handleTimer_onException_recordsTheCallsTime() {
        MethodHandle h = probes.handle("work", WORK);
        Probe probe = probes.attach(Target.handle("work"));
        probe.add(InstrumentSpec.timer("t").event(ProbeEvent.EXCEPTION).build());
        assertThrows(IllegalArgumentException.class, () -> {
            long unused = (long) h.invokeExact(-1L);
        });
        Event metric = lastMetric(probe, "t");
        assertEquals(1L, metric.field("count"));
        assertTrue(((Number) metric.field("min_ns")).longValue() > 0, metric.fields().toString());
    }

    @Test
    void handleTimer_onException_withinTheCallersTime() {
        MethodHandle h = probes.handle("work", WORK);
        Probe probe = probes.attach(Target.handle("work"));
        probe.add(InstrumentSpec.timer("t").event(ProbeEvent.EXCEPTION).build());
        long outer = around(() -> {
            long unused = (long) h.invokeExact(-1L);
        });
        assertWithin(lastMetric(probe, "t"), outer);
    }

    @Test
    void proxyLog_onReturnAndException_elapsedWithinTheCallersTime() throws Exception {
        Work w = probes.proxy(Work.class, ProbeElapsedTest::work);
        Probe probe = probes.attach(Target.method(Work.class, "work"));
        probe.add(InstrumentSpec.log("out", "result").event(ProbeEvent.RETURN).build());
        probe.add(InstrumentSpec.log("threw", null).event(ProbeEvent.EXCEPTION).build());
        long returned = around(() -> w.work(3));
        long threw = around(() -> w.work(-3));
        long out = ((Number) engine.await(e -> e.kind().equals("probe.log") && "out".equals(e.field("instrument")), java.time.Duration.ofSeconds(5))
                .field("elapsed_ns")).longValue();
        long failed = ((Number) engine.await(e -> e.kind().equals("probe.log") && "threw".equals(e.field("instrument")), java.time.Duration.ofSeconds(5))
                .field("elapsed_ns")).longValue();
        assertTrue(out > 0 && out <= returned, out + " within " + returned);
        assertTrue(failed > 0 && failed <= threw, failed + " within " + threw);
    }

    @Test
    void handleLog_fullCombinator_elapsedWithinTheCallersTime() throws Exception {
        MethodHandle h = probes.handle("work", WORK);
        Probe probe = probes.attach(Target.handle("work"));
        probe.add(InstrumentSpec.log("out", "args[0]").event(ProbeEvent.RETURN).build());
        probe.add(InstrumentSpec.log("threw", "args[0]").event(ProbeEvent.EXCEPTION).build());
        assertEquals(Site.Mode.FULL, engine.registry().handleSite("work").site().mode());
        long returned = around(() -> {
            long unused = (long) h.invokeExact(4L);
        });
        long threw = around(() -> {
            long unused = (long) h.invokeExact(-4L);
        });
        Event out = engine.await(e -> e.kind().equals("probe.log") && "out".equals(e.field("instrument")), java.time.Duration.ofSeconds(5));
        Event failed = engine.await(e -> e.kind().equals("probe.log") && "threw".equals(e.field("instrument")), java.time.Duration.ofSeconds(5));
        assertEquals(4L, out.field("value"));
        assertEquals(-4L, failed.field("value"));
        long o = ((Number) out.field("elapsed_ns")).longValue();
        long f = ((Number) failed.field("elapsed_ns")).longValue();
        assertTrue(o > 0 && o <= returned, o + " within " + returned);
        assertTrue(f > 0 && f <= threw, f + " within " + threw);
    }
}
