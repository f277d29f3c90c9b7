package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.Hit;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instrumented handles of every shape: virtual, varargs, each primitive result, void, throwing. */
class HandleShapesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    static int sum(int... xs) {
        return Arrays.stream(xs).sum();
    }

    static long boom(long x) {
        throw new IllegalStateException("boom " + x);
    }

    private final FakeEngine engine = new FakeEngine(Duration.ofMillis(50));
    private final Probes probes = engine.probes();

    @AfterEach
    void close() {
        engine.close();
    }

    private static long hits(Probe probe, String instrument) {
        return probe.instruments().stream().filter(s -> s.spec().name().equals(instrument)).findFirst().orElseThrow().hits();
    }

    @Test
    void virtualHandle_receiverIsTheFirstArgument() throws Throwable {
        MethodHandle concat = probes.handle("concat",
                LOOKUP.findVirtual(String.class, "concat", MethodType.methodType(String.class, String.class)));
        List<String> seen = new ArrayList<>();
        Probe probe = probes.attach(Target.handle("concat"));
        probe.add(InstrumentSpec.builder("custom", "frame").build(),
                (Hit hit) -> seen.add(hit.argCount() + " " + hit.arg(0) + " " + hit.arg(1) + " self=" + hit.self()));
        probe.add(InstrumentSpec.log("receiver", "args[0]").build());
        assertEquals("ab", (String) concat.invokeExact("a", "b"));
        assertEquals(List.of("2 a b self=null"), seen);
        assertEquals("a", engine.await("probe.log", WAIT).field("value"));
    }

    @Test
    void varargsCollector_staysOne_andTheProbeSeesOneArray() throws Throwable {
        MethodHandle original = LOOKUP.findStatic(HandleShapesTest.class, "sum", MethodType.methodType(int.class, int[].class));
        assertTrue(original.isVarargsCollector());
        MethodHandle sum = probes.handle("sum", original);
        assertTrue(sum.isVarargsCollector(), "the instrumented handle collects trailing arguments as the original does");
        assertEquals(original.type(), sum.type());
        Probe probe = probes.attach(Target.handle("sum"));
        probe.add(InstrumentSpec.log("count", "args[0].length").build());
        probe.add(InstrumentSpec.counter("calls").build());
        assertEquals(6, (int) sum.invoke(1, 2, 3));
        assertEquals(0, (int) sum.invoke());
        assertEquals(5, (int) sum.invokeExact(new int[] {2, 3}));
        assertEquals(3L, hits(probe, "calls"));
        assertEquals(List.of(3L, 0L, 2L), engine.events("probe.log").stream().map(e -> e.field("value")).toList());
    }

    @Test
    void primitiveAndVoidResults_passThrough_andAreReadByResultOnReturn() throws Throwable {
        Map<Class<?>, Object> values = Map.of(long.class, 42L, double.class, 2.5, boolean.class, true,
                int.class, 7, float.class, 1.5f, char.class, 'x', byte.class, (byte) 3, short.class, (short) 4);
        for (Map.Entry<Class<?>, Object> e : values.entrySet()) {
            Class<?> type = e.getKey();
            MethodHandle constant = MethodHandles.dropArguments(MethodHandles.constant(type, e.getValue()), 0, String.class);
            String name = "const-" + type.getName();
            MethodHandle h = probes.handle(name, constant);
            Probe probe = probes.attach(Target.handle(name));
            probe.add(InstrumentSpec.log("result", "result").event(ProbeEvent.RETURN).message(name).build());
            probe.add(InstrumentSpec.timer("latency").build());
            assertEquals(Site.Mode.FULL, engine.registry().handleSite(name).site().mode());
            assertEquals(e.getValue(), h.invoke("x"), name);
            Event log = engine.await(ev -> name.equals(ev.field("message")), WAIT);
            assertEquals(Text.safeString(e.getValue()), Text.safeString(log.field("value")), name);
            probe.remove("result");
            assertEquals(Site.Mode.LEAN, engine.registry().handleSite(name).site().mode());
            assertEquals(e.getValue(), h.invoke("y"), name + " through the lean combinator");
            assertEquals(2L, hits(probe, "latency"), name);
            probe.detach();
            assertSame(constant, engine.registry().handleSite(name).current());
        }

        MethodHandle empty = MethodHandles.empty(MethodType.methodType(void.class, String.class));
        MethodHandle v = probes.handle("void", empty);
        Probe probe = probes.attach(Target.handle("void"));
        probe.add(InstrumentSpec.log("result", "result").event(ProbeEvent.RETURN).message("void").build());
        v.invokeExact("x");
        Event log = engine.await(ev -> "void".equals(ev.field("message")), WAIT);
        assertNull(log.field("value"));
        assertTrue(log.fields().containsKey("value"), "the value is there, and null: " + log);
    }

    @Test
    void booleanResult_canBeAConditionOnReturn() throws Throwable {
        MethodHandle isEmpty = probes.handle("isEmpty",
                LOOKUP.findVirtual(String.class, "isEmpty", MethodType.methodType(boolean.class)));
        Probe probe = probes.attach(Target.handle("isEmpty"))
                .add(InstrumentSpec.counter("empties").event(ProbeEvent.RETURN).condition("result").build());
        assertTrue((boolean) isEmpty.invokeExact(""));
        assertEquals(false, (boolean) isEmpty.invokeExact("a"));
        assertEquals(1L, hits(probe, "empties"));
    }

    @Test
    void throwingHandle_leanAndFull_callerGetsTheSameException() throws Throwable {
        MethodHandle h = probes.handle("boom", LOOKUP.findStatic(HandleShapesTest.class, "boom",
                MethodType.methodType(long.class, long.class)));
        Probe probe = probes.attach(Target.handle("boom"));
        probe.add(InstrumentSpec.counter("thrown").event(ProbeEvent.EXCEPTION).build());
        probe.add(InstrumentSpec.counter("returned").event(ProbeEvent.RETURN).build());
        IllegalStateException lean = assertThrows(IllegalStateException.class, () -> {
            long unused = (long) h.invokeExact(1L);
        });
        assertEquals("boom 1", lean.getMessage());
        probe.add(InstrumentSpec.log("why", "exception.message").event(ProbeEvent.EXCEPTION).build());
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> {
            long unused = (long) h.invokeExact(2L);
        });
        assertEquals("boom 2", full.getMessage());
        assertEquals(2L, hits(probe, "thrown"));
        assertEquals(0L, hits(probe, "returned"));
        assertEquals("boom 2", engine.await("probe.log", WAIT).field("value"));
    }
}
