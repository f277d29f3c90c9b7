package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.PipelineStats;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.core.testing.RecordingBackend.Mode;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code telltale.health} reports come on time whatever the backend does. */
@Timeout(60)
class HealthReportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Engine start(RecordingBackend backend, String... settings) {
        Map<String, String> map = new java.util.HashMap<>(Map.of("telltale.health.interval", "20ms"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return CoreEngine.start(map, false, false, Backends.of(List.of(backend), m -> { }));
    }

    @Test
    void backendStuckInPublish_healthReportsKeepComing_andArePublishedOnceItAnswers() throws Exception {
        RecordingBackend backend = new RecordingBackend().mode(Mode.BLOCK);
        Engine engine = start(backend, "telltale.flush.interval", "10ms");
        try {
            engine.offer(event("s", 1, Map.of()));
            assertTrue(backend.awaitBlocked(WAIT), "the publisher is inside the backend");
            long before = engine.stats().offered();

            Await.until(() -> engine.stats().offered() >= before + 3, WAIT,
                    () -> "three health reports while the backend is stuck: " + engine.stats());

            backend.mode(Mode.ACCEPT);
            Await.until(() -> healthReports(backend) >= 3, WAIT, () -> "the queued reports published: " + backend.receivedText());
        } finally {
            engine.close();
        }
    }

    @Test
    void backendFailingAndBackingOff_healthReportsKeepComing() {
        RecordingBackend backend = new RecordingBackend().mode(Mode.FAIL);
        Engine engine = start(backend, "telltale.flush.interval", "10ms", "telltale.retry.attempts", "5",
                "telltale.retry.backoff", "1h", "telltale.retry.max-backoff", "1h", "telltale.flush.timeout", "100ms");
        try {
            engine.offer(event("s", 1, Map.of()));
            Await.until(() -> backend.publishCalls() >= 1, WAIT, () -> "a first failed attempt");
            long before = engine.stats().offered();

            Await.until(() -> engine.stats().offered() >= before + 3, WAIT,
                    () -> "three health reports during an hour's backoff: " + engine.stats());
            PipelineStats s = engine.stats();
            assertEquals(s.offered(), s.published() + s.dropped() + s.pending(), s.toString());
            assertEquals(1, backend.publishCalls(), "still backing off: the reports did not come from the publisher");
        } finally {
            engine.close();
        }
    }

    @Test
    void healthIntervalZero_noReports() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.health.interval", "0");
        engine.offer(event("s", 1, Map.of()));
        assertTrue(engine.flush(WAIT));
        engine.close();
        assertEquals(1, engine.stats().offered());
        assertEquals(0, healthReports(backend));
    }

    private static long healthReports(RecordingBackend backend) {
        return backend.received().stream()
                .filter(e -> "telltale.health".equals(e.headers().get(Envelope.KIND_HEADER)))
                .count();
    }
}
