package dev.telltale.core.internal.pipeline;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.PipelineStats;
import dev.telltale.core.CoreBackendConfig;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.RecordingBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The encoder promises never to throw; if it does (a Telltale bug), the publisher counts the event
 * as a backend error, reports the bug once, and publishes the rest of the batch.
 */
@Timeout(60)
class BrokenEncoderTest {

    @Test
    void encoderThrowing_countsThoseEvents_reportsTheBugOnce_andPublishesTheRest() {
        RecordingBackend backend = new RecordingBackend();
        JsonLimits limits = JsonLimits.DEFAULT;
        PipelineSettings settings = new PipelineSettings(100, 1 << 20, 10, Duration.ofMillis(10), Duration.ofSeconds(5),
                Duration.ZERO, 1, new Backoff(Duration.ZERO, Duration.ZERO), limits);
        EventCodec codec = new EventCodec(limits);
        Encoder encoder = e -> {
            if (e.source().equals("bad")) {
                throw new IllegalStateException("encoder bug (test)");
            }
            return codec.encode(e);
        };
        try (LogCapture log = new LogCapture()) {
            Pipeline pipeline = new Pipeline(settings, backend, CoreBackendConfig.resolve(backend, Map.of()), encoder,
                    new InternalThreads(), "test-host", 4242, "pipeline-test");
            pipeline.start();
            pipeline.offer(event("good", 1, Map.of()));
            pipeline.offer(event("bad", 1, Map.of()));
            pipeline.offer(event("good", 2, Map.of()));
            pipeline.offer(event("bad", 2, Map.of()));
            assertTrue(pipeline.flush(Duration.ofSeconds(10)));
            pipeline.close();
            PipelineStats s = pipeline.stats();
            assertEquals(2, s.published(), s.toString());
            assertEquals(2, s.droppedBackendError(), s.toString());
            assertEquals(0, s.pending(), s.toString());
            assertEquals(2, backend.receivedCount());
            List<String> errors = log.messages(Level.SEVERE);
            assertEquals(1, errors.size(), log.all().toString());
            assertTrue(errors.get(0).contains("unexpected error in the publisher thread"), errors.get(0));
        }
    }
}
