package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.manage.MemorySpecStore;
import dev.telltale.internal.Engine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.Target;
import dev.telltale.tool.SpecJson;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** {@code telltale.probe.manager.store}: an engine that starts a manager applies the store's specs on its own. */
class ProbeManagerEngineTest {

    private static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    @Test
    void storeKey_startsManager_thatAppliesSpecs_andReportsApplied() throws Throwable {
        MemorySpecStore store = MemorySpecStore.named("engine-test");
        store.put("calls", SpecJson.toJson(ProbeSpec.of("calls", Target.handle("engine-test"),
                InstrumentSpec.counter("calls").build(), Instant.now()), false));
        Engine engine = CoreEngine.start(Map.of("telltale.backend", "none", "telltale.health.interval", "0",
                "telltale.probe.manager.store", "memory:engine-test", "telltale.probe.manager.interval", "20ms",
                "telltale.probe.manager.service", "web"), false, false, Backends.of(List.of(), m -> { }));
        try {
            MethodHandle h = engine.probes().handle("engine-test", MethodHandles.identity(String.class));
            // the manager may read the store before the handle exists: that pass reports FAILED
            // (no such handle) and the next one, with the handle there, APPLIED
            await(() -> store.statuses().containsKey("calls") && store.statuses().get("calls").values().stream()
                    .anyMatch(json -> SpecJson.parseApplied(json).status() == ProbeSpec.Status.APPLIED),
                    Duration.ofSeconds(10), "spec 'calls' applied");
            assertEquals(1, store.statuses().get("calls").size(), store.statuses().toString());
            String process = store.statuses().get("calls").keySet().iterator().next();
            assertEquals("web@" + engine.host() + ":" + engine.pid(), process);
            assertEquals(ProbeSpec.Status.APPLIED, SpecJson.parseApplied(store.statuses().get("calls").get(process)).status());
            assertEquals("x", (String) h.invokeExact("x"));
            assertEquals(1L, engine.probes().probe(Target.handle("engine-test")).orElseThrow().instruments().get(0).hits());
            store.remove("calls");
            await(() -> engine.probes().probe(Target.handle("engine-test")).isEmpty(), Duration.ofSeconds(10),
                    "the probe detached after its spec was removed");
        } finally {
            engine.close();
        }
    }

    @Test
    void storeKeyInCode_withUnknownScheme_failsAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoreEngine.start(
                Map.of("telltale.backend", "none", "telltale.probe.manager.store", "nosuch:x"), false, false,
                Backends.of(List.of(), m -> { })));
        assertTrue(e.getMessage().contains("no spec store for scheme 'nosuch'"), e.getMessage());
    }
}
