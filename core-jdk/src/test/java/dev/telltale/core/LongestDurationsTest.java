package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.probe.Breakpoint;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import dev.telltale.spi.SpecStore;
import dev.telltale.tool.SpecJson;
import dev.telltale.tool.SpecStoreOpener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public methods beside {@link DurationArgumentsTest}'s that take a {@link Duration} (a
 * probe's lifespan, a breakpoint's {@code maxPause} and {@code await}, a spec store's timeout)
 * accept the longest one, {@code Duration.ofSeconds(Long.MAX_VALUE)}, as "as long as it takes",
 * never with an {@link ArithmeticException}. The monitor's are in {@code
 * monitor.LongestDurationsMonitorTest}, {@code TimeDilation.sleep} in api's {@code
 * watch.TimeDilationLongestSleepTest}, {@code Source.poll} in the backend contract.
 */
@Timeout(60)
class LongestDurationsTest {

    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("none")
            .healthInterval(Duration.ZERO).build();
    private final Probes probes = Probes.of(telltale);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        telltale.close();
    }

    @Test
    void instrumentLifespan_longest_instrumentRunsAndCounts() {
        IntUnaryOperator twice = probes.proxy(IntUnaryOperator.class, x -> 2 * x);
        Probe probe = probes.attach(Target.method(IntUnaryOperator.class, "applyAsInt"));
        probe.add(InstrumentSpec.counter("calls").lifespan(FOREVER).build());
        probe.start();

        assertEquals(6, twice.applyAsInt(3));
        assertEquals(8, twice.applyAsInt(4));

        InstrumentStatus status = probe.instruments().stream().filter(s -> s.spec().name().equals("calls"))
                .findFirst().orElseThrow(() -> new AssertionError("no instrument 'calls': " + probe.instruments()));
        assertEquals(InstrumentStatus.State.ACTIVE, status.state(), status.toString());
        assertEquals(2, status.hits());
        assertEquals(FOREVER, status.spec().lifespan());
        assertEquals(Instant.MAX, status.expiresAt(), "never expires");
    }

    @Test
    void breakpointMaxPauseAndAwait_longest_holdTheCallUntilReleased() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        IntUnaryOperator counted = probes.proxy(IntUnaryOperator.class, x -> reached.incrementAndGet());
        try (Breakpoint bp = Breakpoint.builder(probes, Target.method(IntUnaryOperator.class, "applyAsInt"))
                .event(ProbeEvent.CALL).maxPause(FOREVER).build()) {
            Thread caller = bp.startThread(() -> counted.applyAsInt(1));

            bp.await(1, FOREVER);

            assertEquals(1, bp.paused());
            assertEquals(0, reached.get(), "the call is held at the breakpoint");
            bp.release();
            caller.join(WAIT.toMillis());
            assertFalse(caller.isAlive(), "the call went on once released");
            assertEquals(1, reached.get());
        }
    }

    @Test
    void specStoreTimeout_longest_fileStorePutsAndReads() throws Exception {
        String spec = SpecJson.toJson(ProbeSpec.of("a", Target.handle("h"),
                InstrumentSpec.counter("n").lifespan(FOREVER).build(), Instant.parse("2026-12-07T12:00:00Z")), false);
        try (SpecStore store = SpecStoreOpener.open("file:" + dir.resolve("specs.json"), FOREVER, Map.of())) {
            store.put("a", spec);
            Map<String, String> specs = store.specs();
            assertEquals(Map.of("a", spec), specs);
            store.remove("a");
            assertTrue(store.specs().isEmpty(), store.specs().toString());
        }
    }
}
