package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How often {@code telltale.health} is published: once per {@code telltale.health.interval}
 * (also when no event is offered), once more at close, never per publishing cycle, and never
 * when the interval is zero; and what the reports count.
 */
@Timeout(60)
class HealthCadenceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StartedEngines engines = new StartedEngines();

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    private Engine start(RecordingBackend backend, String... settings) {
        return engines.start(backend, settings);
    }

    private static List<Map<String, Object>> health(RecordingBackend backend) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Envelope e : backend.received()) {
            if ("telltale.health".equals(e.headers().get(Envelope.KIND_HEADER))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = (Map<String, Object>) JsonReader.parse(
                        new String(e.payload(), StandardCharsets.UTF_8));
                out.add(parsed);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> event) {
        return (Map<String, Object>) event.get("fields");
    }

    @Test
    void idlePipeline_publishesHealthEachInterval_inSequence() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        long started = System.nanoTime();
        Engine engine = start(backend, "telltale.health.interval", "50ms", "telltale.flush.interval", "10ms");
        assertTrue(backend.awaitReceived(3, WAIT), "health reports come without any event offered");
        assertTrue(engine.flush(WAIT));
        List<Map<String, Object>> health = health(backend);
        long intervals = (System.nanoTime() - started) / Duration.ofMillis(50).toNanos();
        // an upper bound that a slow machine only makes easier: one report per interval at most
        assertTrue(health.size() <= intervals + 1, health.size() + " reports in " + intervals + " intervals");
        assertEquals(backend.receivedCount(), health.size(), "nothing but health was published");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> h = health.get(i);
            assertEquals("telltale.health", h.get("routingKey"));
            assertEquals(i + 1L, ((Number) h.get("seq")).longValue());
            assertEquals(health.get(0).get("source"), h.get("source"), "one source: the pipeline");
            assertEquals("recording", fields(h).get("backend"));
        }
    }

    @Test
    void longInterval_manyPublishingCycles_noHealthUntilTheFinalOne() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.health.interval", "1h", "telltale.flush.interval", "10ms");
        for (int i = 1; i <= 20; i++) {
            engine.offer(event("s", i, Map.of()));
            assertTrue(engine.flush(WAIT));
        }
        assertEquals(20, backend.receivedCount());
        assertEquals(List.of(), health(backend), "twenty cycles, none an hour apart");
        engine.close();
        List<Map<String, Object>> health = health(backend);
        assertEquals(1, health.size(), "one health event at close");
        Map<String, Object> f = fields(health.get(0));
        assertEquals(20L, ((Number) f.get("offered")).longValue(), f.toString());
        assertEquals(20L, ((Number) f.get("published")).longValue(), f.toString());
        assertEquals(0L, ((Number) f.get("dropped")).longValue(), f.toString());
        assertEquals(0L, ((Number) f.get("pending")).longValue(), f.toString());
        assertEquals(0L, ((Number) f.get("queueDepth")).longValue(), f.toString());
        assertEquals(0L, ((Number) f.get("queueBytes")).longValue(), f.toString());
        assertEquals(Map.of("queue-full", 0L, "too-large", 0L, "backend-error", 0L, "shutdown", 0L),
                normalise(f.get("droppedBy")), f.toString());
        assertTrue(f.containsKey("backendError") && f.get("backendError") == null, f.toString());
    }

    @Test
    void zeroInterval_noHealthEvents_notEvenAtClose() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.health.interval", "0", "telltale.flush.interval", "10ms");
        engine.offer(event("s", 1, Map.of()));
        assertTrue(engine.flush(WAIT));
        engine.close();
        assertEquals(1, backend.receivedCount());
        assertEquals(List.of(), health(backend));
    }

    @Test
    void healthAfterDrops_countsThemByReason() {
        RecordingBackend backend = new RecordingBackend().refuseTooLarge(1);
        Engine engine = start(backend, "telltale.health.interval", "1h", "telltale.batch.size", "4",
                "telltale.flush.interval", "1h");
        for (int i = 1; i <= 4; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(engine.flush(WAIT));
        backend.refuseTooLarge(0);
        engine.close();
        Map<String, Object> f = fields(health(backend).get(0));
        assertEquals(3L, ((Number) f.get("published")).longValue(), f.toString());
        assertEquals(1L, ((Number) f.get("dropped")).longValue(), f.toString());
        assertEquals(Map.of("queue-full", 0L, "too-large", 1L, "backend-error", 0L, "shutdown", 0L),
                normalise(f.get("droppedBy")), f.toString());
    }

    private static Map<String, Long> normalise(Object droppedBy) {
        Map<String, Long> out = new HashMap<>();
        ((Map<?, ?>) droppedBy).forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
        return out;
    }
}
