package dev.telltale.core.internal.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.Target;
import dev.telltale.tool.SpecJson;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The background loop: opens the store on its own thread, retries while it fails, then applies. */
class ManagerLoopTest {

    @Test
    void storeFailingToOpen_isRetried_withEvents_thenSpecsApply() throws Exception {
        MemorySpecStore store = new MemorySpecStore("loop");
        store.put("a", SpecJson.toJson(ProbeSpec.of("a", Target.handle("loop"), InstrumentSpec.counter("n").build(),
                Instant.now()), false));
        AtomicInteger attempts = new AtomicInteger();
        ManagerSettings settings = new ManagerSettings("flaky:x", Duration.ofMillis(10), Duration.ofSeconds(1), "p",
                Governance.defaults(), Map.of());
        try (FakeEngine engine = new FakeEngine()) {
            engine.probes().handle("loop", MethodHandles.identity(int.class));
            try (ManagerLoop loop = new ManagerLoop(settings, engine, engine.probes(), (address, options) -> {
                if (attempts.incrementAndGet() <= 2) {
                    throw new IOException(address + ": connection refused");
                }
                return store;
            }, Clock.systemUTC()).start()) {
                Event failed = engine.await(e -> e.kind().equals("probe.store.error") && ((Number) e.field("failures")).intValue() == 2,
                        Duration.ofSeconds(10));
                assertEquals(20L, ((Number) failed.field("retry_ms")).longValue()); // doubled from the 10 ms interval
                assertTrue(((String) failed.field("error")).contains("connection refused"));
                engine.await(e -> e.kind().equals("probe.spec.applied"), Duration.ofSeconds(10));
                assertEquals(3, attempts.get());
                assertEquals(Map.of("a", "handle:loop"), loop.manager().runningTargets());
            }
            // closing the loop removes what it added
            assertTrue(engine.probes().probe(Target.handle("loop")).isEmpty());
        }
    }
}
