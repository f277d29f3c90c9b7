package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandleProbeTest {

    static int twice(int x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative: " + x);
        }
        return 2 * x;
    }

    static int calls;

    static void touch(String s) {
        calls++;
    }

    private static final MethodHandle TWICE;
    private static final MethodHandle TOUCH;

    static {
        try {
            TWICE = MethodHandles.lookup().findStatic(HandleProbeTest.class, "twice",
                    MethodType.methodType(int.class, int.class));
            TOUCH = MethodHandles.lookup().findStatic(HandleProbeTest.class, "touch",
                    MethodType.methodType(void.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FakeEngine engine = new FakeEngine(Duration.ofMillis(50));
    private final Probes probes = engine.probes();

    @AfterEach
    void close() {
        engine.close();
    }

    private HandleSite site(String name) {
        return engine.registry().handleSite(name);
    }

    @Test
    void handle_withoutProbe_isTheOriginalBehindTheCallSite() throws Throwable {
        MethodHandle h = probes.handle("twice", TWICE);
        assertEquals(8, (int) h.invokeExact(4));
        assertSame(TWICE, site("twice").current());
    }

    @Test
    void counter_usesLeanCombinator_andDetachRestoresOriginal() throws Throwable {
        MethodHandle h = probes.handle("twice", TWICE);
        Probe probe = probes.attach(Target.handle("twice"));
        probe.add(InstrumentSpec.counter("calls").build());
        assertEquals(Site.Mode.LEAN, site("twice").site().mode());
        for (int i = 0; i < 3; i++) {
            assertEquals(2 * i, (int) h.invokeExact(i));
        }
        assertEquals(3L, probe.instruments().get(0).hits());
        probe.detach();
        assertSame(TWICE, site("twice").current());
        assertEquals(Site.Mode.OFF, site("twice").site().mode());
    }

    @Test
    void timerAndExceptionCounter_seeReturnsAndThrowsApart() throws Throwable {
        MethodHandle h = probes.handle("twice", TWICE);
        Probe probe = probes.attach(Target.handle("twice"));
        probe.add(InstrumentSpec.timer("latency").build());
        probe.add(InstrumentSpec.counter("failures").event(ProbeEvent.EXCEPTION).build());
        assertEquals(2, (int) h.invokeExact(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            int unused = (int) h.invokeExact(-1);
        });
        assertEquals("negative: -1", e.getMessage());
        assertEquals(1L, probe.instruments().get(0).hits());
        assertEquals(1L, probe.instruments().get(1).hits());
    }

    @Test
    void log_usesFullCombinator_andSeesArgumentsAndVoidResult() throws Throwable {
        MethodHandle h = probes.handle("touch", TOUCH);
        Probe probe = probes.attach(Target.handle("touch"));
        probe.add(InstrumentSpec.log("touched", null).event(ProbeEvent.RETURN).message("touched it").build());
        assertEquals(Site.Mode.FULL, site("touch").site().mode());
        h.invokeExact("x");
        Event log = engine.await("probe.log", Duration.ofSeconds(5));
        assertEquals("touched it", log.field("message"));
        assertEquals("return", log.field("event"));
        assertTrue(((Number) log.field("elapsed_ns")).longValue() >= 0);
    }

    @Test
    void handle_sameNameTwice_refused() {
        probes.handle("twice", TWICE);
        assertThrows(IllegalArgumentException.class, () -> probes.handle("twice", TWICE));
    }

    @Test
    void attach_unknownHandle_saysHowToMakeOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> probes.attach("handle:nope"));
        assertTrue(e.getMessage().contains("Probes.handle(\"nope\""), e.getMessage());
    }
}
