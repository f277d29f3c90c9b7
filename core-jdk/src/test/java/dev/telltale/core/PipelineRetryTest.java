package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.PipelineStats;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries: the backoff between attempts, and what a close does to a batch waiting one out. */
@Timeout(60)
class PipelineRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StartedEngines engines = new StartedEngines();

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    private Engine start(RecordingBackend backend, String... settings) {
        return engines.start(backend, settings);
    }

    /** A backend whose first {@code failures} publish calls throw; records when each call came. */
    private static RecordingBackend failingFirst(int failures, List<Long> callTimes) {
        AtomicInteger calls = new AtomicInteger();
        return new RecordingBackend().onPublish(batch -> {
            synchronized (callTimes) {
                callTimes.add(System.nanoTime());
            }
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("down (test)");
            }
        });
    }

    @Test
    void retries_waitTheBackoff_doublingUpToTheMaximum() {
        List<Long> times = new ArrayList<>();
        RecordingBackend backend = failingFirst(3, times);
        Engine engine = start(backend, "telltale.retry.attempts", "5", "telltale.retry.backoff", "100ms",
                "telltale.retry.max-backoff", "150ms");
        engine.offer(event("s", 1, Map.of()));
        assertTrue(engine.flush(WAIT));
        assertEquals(1, engine.stats().published());
        assertEquals(4, times.size(), "three failed attempts and one that worked");
        // lower bounds only: a slow machine makes the gaps longer, never shorter
        assertTrue(times.get(1) - times.get(0) >= Duration.ofMillis(100).toNanos(), gaps(times));
        assertTrue(times.get(2) - times.get(1) >= Duration.ofMillis(150).toNanos(), "doubled, capped: " + gaps(times));
        assertTrue(times.get(3) - times.get(2) >= Duration.ofMillis(150).toNanos(), "capped: " + gaps(times));
    }

    @Test
    void afterFailures_theNextBatchWaitsTheBackoffToo_untilOneAttemptSucceeds() {
        List<Long> times = new ArrayList<>();
        RecordingBackend backend = failingFirst(1, times);
        Engine engine = start(backend, "telltale.retry.attempts", "1", "telltale.retry.backoff", "100ms",
                "telltale.retry.max-backoff", "100ms");
        engine.offer(event("s", 1, Map.of()));
        assertTrue(engine.flush(WAIT));
        engine.offer(event("s", 2, Map.of()));
        assertTrue(engine.flush(WAIT));
        engine.offer(event("s", 3, Map.of()));
        assertTrue(engine.flush(WAIT));
        PipelineStats s = engine.stats();
        assertEquals(1, s.droppedBackendError(), "one attempt per batch: the first batch is dropped");
        assertEquals(2, s.published());
        assertEquals(3, times.size());
        assertTrue(times.get(1) - times.get(0) >= Duration.ofMillis(100).toNanos(),
                "the second batch waited out the backoff of the first one's failure: " + gaps(times));
    }

    @Test
    void close_duringABackoffThatWouldPassTheDeadline_dropsTheBatchAsShutdown_withoutWaiting() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RecordingBackend backend = new RecordingBackend().onPublish(batch -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down (test)");
        });
        try (LogCapture log = new LogCapture()) {
            Engine engine = start(backend, "telltale.retry.attempts", "5", "telltale.retry.backoff", "10m",
                    "telltale.retry.max-backoff", "10m", "telltale.flush.timeout", "3s", "telltale.batch.size", "10",
                    "telltale.flush.interval", "10ms");
            for (int i = 1; i <= 10; i++) {
                engine.offer(event("s", i, Map.of()));
            }
            Await.until(() -> calls.get() == 1, WAIT, () -> "the first attempt");
            engine.close();
            assertEquals(1, backend.closeCalls(), "the publisher finished by itself and closed the sink");
            PipelineStats s = engine.stats();
            assertEquals(10, s.droppedShutdown(), s.toString());
            assertEquals(0, s.droppedBackendError(), s.toString());
            assertEquals(0, s.pending(), s.toString());
            assertEquals(1, calls.get(), "no attempt after the close");
            assertTrue(log.messages(Level.WARNING).stream().noneMatch(m -> m.contains("did not finish")),
                    "the publisher gave up the backoff instead of being abandoned: " + log.all());
        }
    }

    @Test
    void close_duringABackoffThatEndsBeforeTheDeadline_waitsItOut_andRetries() throws Exception {
        List<Long> times = new ArrayList<>();
        RecordingBackend backend = failingFirst(1, times);
        Engine engine = start(backend, "telltale.retry.attempts", "3", "telltale.retry.backoff", "200ms",
                "telltale.retry.max-backoff", "200ms", "telltale.flush.timeout", "20s", "telltale.flush.interval", "10ms");
        engine.offer(event("s", 1, Map.of()));
        Await.until(() -> {
            synchronized (times) {
                return times.size() == 1;
            }
        }, WAIT, () -> "the first attempt");
        engine.close();
        PipelineStats s = engine.stats();
        assertEquals(1, s.published(), s.toString());
        assertEquals(0, s.droppedShutdown(), s.toString());
        assertEquals(2, times.size());
    }

    private static String gaps(List<Long> times) {
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            millis.add((times.get(i) - times.get(i - 1)) / 1_000_000);
        }
        return "gaps (ms) " + millis;
    }
}
