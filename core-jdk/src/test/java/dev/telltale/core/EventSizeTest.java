package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Envelope;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** telltale.event.max-bytes through the pipeline: big fields are cut, only a too-big envelope is dropped. */
@Timeout(60)
class EventSizeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void fieldsReachingMaxBytes_publishedCut_notDropped() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend);
        try {
            engine.offer(event("s", 1, Map.of("big", Collections.nCopies(100, "z".repeat(16000)))));
            assertTrue(engine.flush(WAIT));

            PipelineStats stats = engine.stats();
            assertEquals(1, stats.published());
            assertEquals(0, stats.droppedTooLarge());
            Envelope envelope = backend.received().get(0);
            byte[] payload = envelope.payload();
            assertTrue(payload.length <= 1 << 20, "size " + payload.length);
            Event back = EventCodec.decode(payload, 0, payload.length);
            List<?> big = assertInstanceOf(List.class, back.field("big"));
            assertEquals(Map.of("$cut", "size"), big.get(big.size() - 1));
        } finally {
            engine.close();
        }
    }

    @Test
    void envelopeAloneTooBig_droppedTooLarge_andTheWarningSaysSo() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.event.max-bytes", "1KiB");
        try (LogCapture log = new LogCapture()) {
            engine.offer(event("k", "r".repeat(2000), "s", 1, Map.of("a", 1)));
            engine.offer(event("s", 2, Map.of("big", "x".repeat(5000))));
            assertTrue(engine.flush(WAIT));

            assertEquals(1, engine.stats().droppedTooLarge());
            assertEquals(1, engine.stats().published());
            assertTrue(backend.received().get(0).payload().length <= 1024);
            String warning = log.messages(Level.WARNING).stream().filter(m -> m.contains("dropped an event"))
                    .findFirst().orElseThrow();
            assertTrue(warning.contains("metadata and headers"), warning);
            assertTrue(warning.contains("1024"), warning);
        } finally {
            engine.close();
        }
    }

    private static Engine start(RecordingBackend backend, String... settings) {
        Map<String, String> map = new java.util.HashMap<>();
        map.put("telltale.health.interval", "0");
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return CoreEngine.start(map, false, false, Backends.of(List.of(backend), m -> {
            throw new AssertionError(m);
        }));
    }
}
