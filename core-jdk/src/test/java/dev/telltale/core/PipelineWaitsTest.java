package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.PipelineStats;
import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.core.testing.RecordingBackend.Mode;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What callers of the pipeline wait for, and when they stop: {@code flush} (timed out, on
 * Telltale's own thread, interrupted, during a close), a second {@code close}, the publisher
 * woken by a full batch; and what the pipeline says about its backend while it is down (health,
 * logs).
 */
@Timeout(60)
class PipelineWaitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StartedEngines engines = new StartedEngines();

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    private Engine start(RecordingBackend backend, String... settings) {
        return engines.start(backend, settings);
    }

    private RecordingBackend blocking() {
        RecordingBackend backend = new RecordingBackend().mode(Mode.BLOCK);
        engines.releaseOnClose(backend);
        return backend;
    }

    private static Thread waiting(Thread t) {
        Await.until(() -> t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING, WAIT,
                () -> t.getName() + " to wait, but it is " + t.getState());
        return t;
    }

    @Test
    void flush_whileTheBackendIsStuck_returnsFalseAfterItsTimeout() throws Exception {
        RecordingBackend backend = blocking();
        Engine engine = start(backend, "telltale.flush.interval", "10ms");
        engine.offer(event("s", 1, Map.of()));
        assertTrue(backend.awaitBlocked(WAIT));
        assertFalse(engine.flush(Duration.ofMillis(100)));
        assertEquals(1, engine.stats().pending());
    }

    @Test
    void flush_onTelltalesOwnThread_returnsFalseAtOnce_insteadOfWaitingForItself() {
        RecordingBackend backend = new RecordingBackend();
        Engine[] self = new Engine[1];
        List<Boolean> results = new CopyOnWriteArrayList<>();
        backend.onPublish(batch -> {
            self[0].offer(event("inner", 1, Map.of())); // suppressed: queued nothing
            results.add(self[0].flush(Duration.ofMinutes(5)));
        });
        Engine engine = start(backend);
        self[0] = engine;
        engine.offer(event("s", 1, Map.of()));
        engine.offer(event("s", 2, Map.of()));
        assertTrue(engine.flush(WAIT));
        assertFalse(results.isEmpty());
        assertTrue(results.stream().noneMatch(r -> r), "the publisher cannot wait for itself: " + results);
    }

    @Test
    void flush_interrupted_returnsFalse_andKeepsTheInterrupt() throws Exception {
        RecordingBackend backend = blocking();
        Engine engine = start(backend, "telltale.flush.interval", "10ms");
        engine.offer(event("s", 1, Map.of()));
        assertTrue(backend.awaitBlocked(WAIT));
        AtomicReference<Boolean> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread flusher = new Thread(() -> {
            result.set(engine.flush(Duration.ofMinutes(5)));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "flusher");
        flusher.start();
        waiting(flusher).interrupt();
        flusher.join(WAIT.toMillis());
        assertFalse(flusher.isAlive(), "an interrupted flush returns");
        assertEquals(Boolean.FALSE, result.get());
        assertTrue(stillInterrupted.get(), "the interrupt is kept for the caller");
    }

    @Test
    void flushWaitingDuringATimedOutClose_returnsTrue_onceTheCloseCountsEverythingDropped() throws Exception {
        RecordingBackend backend = blocking();
        Engine engine = start(backend, "telltale.flush.interval", "10ms", "telltale.flush.timeout", "200ms");
        engine.offer(event("s", 1, Map.of()));
        engine.offer(event("s", 2, Map.of()));
        assertTrue(backend.awaitBlocked(WAIT));
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread flusher = new Thread(() -> result.set(engine.flush(Duration.ofMinutes(5))), "flusher");
        flusher.start();
        waiting(flusher);
        engine.close();
        flusher.join(WAIT.toMillis());
        assertFalse(flusher.isAlive(), "the close settled everything the flush waited for");
        assertEquals(Boolean.TRUE, result.get());
        assertEquals(2, engine.stats().droppedShutdown());
    }

    @Test
    void secondClose_waitsAsLongAsTheFirst_forThePublisher() throws Exception {
        RecordingBackend backend = blocking();
        Engine engine = start(backend, "telltale.flush.interval", "10ms", "telltale.flush.timeout", "500ms");
        for (int i = 1; i <= 5; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(backend.awaitBlocked(WAIT));
        long started = System.nanoTime();
        Thread first = new Thread(engine::close, "first-close");
        first.start();
        waiting(first);
        engine.close();
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(500).toNanos(),
                "the second close waited for the publisher as long as the first does, not returning at once");
        first.join(WAIT.toMillis());
        PipelineStats s = engine.stats();
        assertEquals(0, s.pending(), s.toString());
        assertEquals(5, s.droppedShutdown(), s.toString());
    }

    @Test
    void cleanClose_logsItsSummaryAtDebug_notAtInfo() {
        RecordingBackend backend = new RecordingBackend();
        try (LogCapture log = new LogCapture()) {
            Engine engine = start(backend);
            for (int i = 1; i <= 3; i++) {
                engine.offer(event("s", i, Map.of()));
            }
            engine.close();
            assertTrue(log.messages(Level.INFO).stream().noneMatch(m -> m.contains("closed;")), log.all().toString());
            assertTrue(log.messages(Level.FINE).stream().anyMatch(m -> m.contains("closed; offered 3, published 3, "
                    + "dropped 0 (queue-full 0, too-large 0, backend-error 0, shutdown 0), pending 0")), log.all().toString());
        }
    }

    @Test
    void parkedPublisher_isWokenByAFullBatch_longBeforeTheFlushInterval() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.flush.interval", "1h", "telltale.batch.size", "10");
        Thread publisher = publisherThread();
        waiting(publisher); // parked with an empty queue, for up to an hour
        for (int i = 1; i <= 10; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(backend.awaitReceived(10, WAIT), "the tenth event woke the publisher");
    }

    private static Thread publisherThread() {
        AtomicReference<Thread> found = new AtomicReference<>();
        Await.until(() -> {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("telltale-publisher") && t.isAlive() && t.getState() != Thread.State.TERMINATED) {
                    StackTraceElement[] stack = t.getStackTrace();
                    for (StackTraceElement e : stack) {
                        if (e.getMethodName().equals("awaitWork")) {
                            found.set(t);
                            return true;
                        }
                    }
                }
            }
            return false;
        }, WAIT, () -> "a publisher thread waiting for work");
        return found.get();
    }

    @Test
    void openFailures_everyBatchGetsItsAttempts_thenIsABackendError() {
        RecordingBackend backend = new RecordingBackend().failOpens(1000);
        try (LogCapture log = new LogCapture()) {
            Engine engine = start(backend, "telltale.retry.attempts", "3", "telltale.retry.backoff", "1ms",
                    "telltale.retry.max-backoff", "1ms");
            engine.offer(event("s", 1, Map.of()));
            assertTrue(engine.flush(WAIT));
            assertEquals(3, backend.openCalls());
            assertEquals(1, engine.stats().droppedBackendError());
            assertEquals(0, backend.publishCalls());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("cannot open (test)"), warnings.get(0));
            assertTrue(log.messages(Level.FINE).stream().anyMatch(m -> m.contains("failed again (2)")), log.all().toString());
            assertTrue(log.all().stream().noneMatch(m -> m.contains("NullPointerException")),
                    "a sink that failed to open is never used: " + log.all());
        }
    }

    @Test
    void refusals_areWarnedOnce_withTheBackendsReason() {
        RecordingBackend backend = new RecordingBackend().refuseTooLarge(1);
        try (LogCapture log = new LogCapture()) {
            Engine engine = start(backend, "telltale.batch.size", "4", "telltale.flush.interval", "1h");
            for (int i = 1; i <= 8; i++) {
                engine.offer(event("s", i, Map.of()));
            }
            assertTrue(engine.flush(WAIT));
            assertEquals(2, engine.stats().droppedTooLarge());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("backend 'recording' refused 1 of 4 events (too large (test))"),
                    warnings.get(0));
        }
    }

    @Test
    void healthWhileTheBackendIsDown_carriesItsError_andNoneOnceItRecovers() {
        AtomicInteger calls = new AtomicInteger();
        RecordingBackend backend = new RecordingBackend().onPublish(batch -> {
            if (calls.incrementAndGet() <= 4) {
                throw new IllegalStateException("down (test)");
            }
        });
        Engine engine = start(backend, "telltale.health.interval", "20ms", "telltale.flush.interval", "10ms",
                "telltale.retry.attempts", "100", "telltale.retry.backoff", "50ms", "telltale.retry.max-backoff", "50ms");
        engine.offer(event("s", 1, Map.of()));
        Await.until(() -> healthErrors(backend).contains("java.lang.IllegalStateException: down (test)"), WAIT,
                () -> "a health report sent during the outage, published after it: " + healthErrors(backend));
        engine.close();
        List<String> errors = healthErrors(backend);
        assertEquals(null, errors.get(errors.size() - 1), "the final report, after recovery: " + errors);
        assertEquals(0, engine.stats().droppedBackendError());
    }

    private static List<String> healthErrors(RecordingBackend backend) {
        List<String> out = new ArrayList<>();
        for (Envelope e : backend.received()) {
            if ("telltale.health".equals(e.headers().get(Envelope.KIND_HEADER))) {
                Map<String, Object> doc = JsonReader.parseObject(new String(e.payload(), StandardCharsets.UTF_8));
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) doc.get("fields");
                out.add((String) fields.get("backendError"));
            }
        }
        return out;
    }
}
