package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.context.Context;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.MemoryBackend;
import dev.telltale.core.testing.RecordingBackend.Mode;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every public method that takes a {@link Duration} accepts any duration: one too long to count
 * in nanoseconds means "as long as it takes", never an {@link ArithmeticException}.
 */
@Timeout(60)
class DurationArgumentsTest {

    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void engineFlush_longMaxSeconds_waitsUntilPublished() throws Exception {
        RecordingBackend backend = new RecordingBackend().mode(Mode.BLOCK);
        Engine engine = CoreEngine.start(Map.of("telltale.health.interval", "0"), false, false,
                Backends.of(List.of(backend), m -> { }));
        try {
            engine.offer(event("s", 1, Map.of()));
            assertTrue(backend.awaitBlocked(WAIT));
            assertTrue(flushWhileHeld(backend, engine::flush), "flush waited for the event");
            assertEquals(1, engine.stats().published());
        } finally {
            engine.close();
        }
    }

    @Test
    void telltaleFlush_longMaxSeconds_waitsUntilPublished() throws Exception {
        RecordingBackend backend = MemoryBackend.register("durations-flush", new RecordingBackend("memory")).mode(Mode.BLOCK);
        try (Telltale telltale = builder("durations-flush").build()) {
            telltale.emitter("k").emit("e", Map.of());
            assertTrue(backend.awaitBlocked(WAIT));
            assertTrue(flushWhileHeld(backend, telltale::flush), "flush waited for the event");
            assertEquals(1, telltale.stats().published());
        }
    }

    @Test
    void flushWithNegativeOrZeroTimeout_returnsAtOnce() throws Exception {
        RecordingBackend backend = MemoryBackend.register("durations-negative", new RecordingBackend("memory")).mode(Mode.BLOCK);
        try (Telltale telltale = builder("durations-negative").flushTimeout(Duration.ofMillis(100)).build()) {
            telltale.emitter("k").emit("e", Map.of());
            assertTrue(backend.awaitBlocked(WAIT));
            assertFalse(telltale.flush(Duration.ofSeconds(Long.MIN_VALUE)));
            assertFalse(telltale.flush(Duration.ZERO));
        } finally {
            backend.mode(Mode.ACCEPT);
        }
    }

    @Test
    void builderFlushTimeout_longMaxSeconds_closePublishesEverything() {
        RecordingBackend backend = MemoryBackend.register("durations-timeout", new RecordingBackend("memory"));
        Telltale telltale = builder("durations-timeout").flushTimeout(FOREVER).flushInterval(Duration.ofHours(1)).build();
        telltale.emitter("k").emit("e", Map.of());
        telltale.close();
        assertEquals(1, backend.receivedCount());
        assertEquals(1, telltale.stats().published());
    }

    @Test
    void builderFlushInterval_longMaxSeconds_partialBatchWaitsForFlush() {
        RecordingBackend backend = MemoryBackend.register("durations-interval", new RecordingBackend("memory"));
        try (Telltale telltale = builder("durations-interval").flushInterval(FOREVER).build()) {
            telltale.emitter("k").emit("e", Map.of());
            assertEquals(0, backend.receivedCount(), "nothing hands the partial batch on but a flush");
            assertTrue(telltale.flush(WAIT));
            assertEquals(1, backend.receivedCount());
        }
    }

    @Test
    void builderHealthInterval_longMaxSeconds_meansNoReportBeforeClose() {
        RecordingBackend backend = MemoryBackend.register("durations-health", new RecordingBackend("memory"));
        try (Telltale telltale = builder("durations-health").healthInterval(FOREVER).build()) {
            telltale.emitter("k").emit("e", Map.of());
            assertTrue(telltale.flush(WAIT));
            assertEquals(1, backend.receivedCount());
        }
        assertEquals(2, backend.receivedCount(), "the event and the last health report, at close");
    }

    @Test
    void contextWaitOnClose_longMaxSeconds_closeWaitsUntilTheMessagesAreHandedOn() {
        RecordingBackend backend = MemoryBackend.register("durations-context", new RecordingBackend("memory"));
        try (Telltale telltale = builder("durations-context").flushInterval(Duration.ofHours(1)).build()) {
            try (Context ctx = Context.builder().telltale(telltale).name("forever").waitOnClose(FOREVER).start()) {
                ctx.set("a", 1);
            }
            assertEquals(3, backend.receivedCount(), "born, update and finished, handed on before close returned");
        }
    }

    @Test
    void builderDurations_negative_areRefusedAtBuild_namingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder("durations-refused").flushTimeout(Duration.ofSeconds(Long.MIN_VALUE)).build());
        assertTrue(e.getMessage().contains("telltale.flush.timeout"), e.getMessage());
    }

    @Test
    void builderDurations_null_throwNullPointerException() {
        Telltale.Builder b = Telltale.builder();
        assertThrows(NullPointerException.class, () -> b.flushInterval(null));
        assertThrows(NullPointerException.class, () -> b.flushTimeout(null));
        assertThrows(NullPointerException.class, () -> b.healthInterval(null));
    }

    private static Telltale.Builder builder(String channel) {
        return Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).healthInterval(Duration.ZERO);
    }

    /**
     * Calls {@code flush(FOREVER)} on another thread while {@code backend} holds the publisher,
     * lets the backend go once the flush is waiting, and returns what the flush returned.
     */
    private static boolean flushWhileHeld(RecordingBackend backend, Predicate<Duration> flush) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread flusher = new Thread(() -> {
            try {
                result.set(flush.test(FOREVER));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "flusher");
        flusher.start();
        Await.until(() -> flusher.getState() == Thread.State.TIMED_WAITING || !flusher.isAlive(), WAIT,
                () -> "the flush to wait or end: " + flusher.getState());
        backend.mode(Mode.ACCEPT);
        flusher.join(WAIT.toMillis());
        assertFalse(flusher.isAlive(), "the flush returned once the event was published");
        if (result.get() instanceof Throwable t) {
            throw new AssertionError("flush threw " + t, t);
        }
        return (Boolean) result.get();
    }
}
