package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Envelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class JfrTest {

    @TempDir
    Path dir;

    @Test
    void recording_holdsTelltaleEvents_health_andBackendFailures() throws Exception {
        RecordingBackend backend = new RecordingBackend().failOpens(1);
        Path file = dir.resolve("t.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.Event");
            recording.enable("dev.telltale.PipelineHealth");
            recording.enable("dev.telltale.BackendFailure");
            recording.start();
            Engine engine = CoreEngine.start(Map.of("telltale.health.interval", "50ms", "telltale.retry.backoff", "1ms"),
                    false, false, Backends.of(List.of(backend), m -> { }));
            try {
                engine.offer(event("order.placed", "shop.orders", "src-1", 7, Map.of("id", 42)));
                assertTrue(engine.flush(Duration.ofSeconds(10)));
                // wait for a health event carrying the one event offered
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (backend.received().stream().noneMatch(JfrTest::isHealth)) {
                    assertTrue(System.nanoTime() < deadline, "a telltale.health event within 10 s");
                    backend.awaitReceived(backend.receivedCount() + 1, Duration.ofMillis(200));
                }
            } finally {
                engine.close();
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        RecordedEvent ours = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.Event"))
                .filter(e -> "shop.orders order.placed".equals(e.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no dev.telltale.Event for shop.orders order.placed"));
        assertEquals("src-1", ours.getString("source"));
        assertEquals(7, ours.getLong("seq"));
        assertNull(ours.getString("fields"), "fields are not encoded on the emitting thread unless asked");
        assertEquals(Thread.currentThread().getName(), ours.getThread().getJavaName());

        RecordedEvent health = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.PipelineHealth"))
                .filter(e -> e.getLong("offered") >= 1)
                .findFirst().orElseThrow(() -> new AssertionError("no dev.telltale.PipelineHealth"));
        assertEquals("recording", health.getString("backend"));
        assertEquals(health.getLong("offered"), health.getLong("published") + health.getLong("droppedQueueFull")
                + health.getLong("droppedTooLarge") + health.getLong("droppedBackendError")
                + health.getLong("droppedShutdown") + health.getLong("pending"));

        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("dev.telltale.BackendFailure")
                && e.getString("error").contains("cannot open (test)")), "the failed open was recorded");
    }

    @Test
    void jfrFieldsTrue_recordsTheFieldsAsJson_onTheEmittingThread() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        Path file = dir.resolve("fields.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.Event");
            recording.start();
            Engine engine = CoreEngine.start(Map.of("telltale.health.interval", "0", "telltale.jfr.fields", "true"),
                    false, false, Backends.of(List.of(backend), m -> { }));
            try {
                engine.offer(event("order.placed", "shop.orders", "src-2", 3, Map.of("id", 42)));
            } finally {
                engine.close();
            }
            recording.stop();
            recording.dump(file);
        }
        RecordedEvent ours = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.Event"))
                .filter(e -> "src-2".equals(e.getString("source")))
                .findFirst().orElseThrow(() -> new AssertionError("no dev.telltale.Event from src-2"));
        assertEquals("{\"id\":42}", ours.getString("fields"));
        assertEquals(Thread.currentThread().getName(), ours.getThread().getJavaName());
    }

    @Test
    void jfrFieldsTrue_aFieldThrowingAFatalError_reachesTheEmittingThread() {
        StackOverflowError fatal = new StackOverflowError("deep value (test)");
        Object value = new Object() {
            @Override
            public String toString() {
                throw fatal;
            }
        };
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.Event");
            recording.start();
            Engine engine = CoreEngine.start(Map.of("telltale.health.interval", "0", "telltale.jfr.fields", "true",
                    "telltale.backend", "none"), false, false, Backends.of(List.of(), m -> { }));
            try {
                assertSame(fatal, assertThrows(StackOverflowError.class,
                        () -> engine.offer(event("order.placed", "shop.orders", "src-3", 1, Map.of("v", value)))));
            } finally {
                engine.close();
            }
        }
    }

    private static boolean isHealth(Envelope e) {
        return "telltale.health".equals(e.headers().get(Envelope.KIND_HEADER));
    }
}
