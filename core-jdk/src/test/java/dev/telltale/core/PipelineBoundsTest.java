package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.core.testing.RecordingBackend.Mode;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipeline's bounds: the queue's byte bound ({@code telltale.queue.max-bytes}, read back as
 * {@code queueBytes}), the largest event ({@code telltale.event.max-bytes}, inclusive), and the
 * count of what a timed-out close abandons.
 */
@Timeout(60)
class PipelineBoundsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StartedEngines engines = new StartedEngines();

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    private Engine start(RecordingBackend backend, String... settings) {
        return engines.start(backend, settings);
    }

    /** An engine whose publisher is stuck in the backend with one event, so the rest stays queued. */
    private Engine stuck(RecordingBackend backend, String... settings) throws InterruptedException {
        backend.mode(Mode.BLOCK);
        engines.releaseOnClose(backend);
        List<String> all = new ArrayList<>(List.of(settings));
        all.addAll(List.of("telltale.batch.size", "1", "telltale.flush.interval", "10ms"));
        Engine engine = start(backend, all.toArray(String[]::new));
        engine.offer(event("held", 1, Map.of()));
        assertTrue(backend.awaitBlocked(WAIT), "the publisher holds the first event in the backend");
        return engine;
    }

    @Test
    void queueMaxBytes_boundsWhatIsQueued_oldestDropped_andQueueBytesReportsIt() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = stuck(backend, "telltale.queue.capacity", "1000", "telltale.event.max-bytes", "1KiB",
                "telltale.queue.max-bytes", "4KiB");
        assertEquals(0, engine.stats().queueBytes(), "nothing queued yet");
        int n = 40;
        for (int i = 1; i <= n; i++) {
            engine.offer(event("s", i, Map.of("text", "x".repeat(500))));
        }
        PipelineStats s = engine.stats();
        long depth = s.queueDepth();
        assertTrue(depth >= 2 && depth < 10, "about 4 KiB of ~0.6 KiB events, far below the capacity of 1000: " + s);
        assertTrue(s.queueBytes() <= 4096, s.toString());
        assertTrue(s.queueBytes() + s.queueBytes() / depth > 4096, "the queue is full by bytes, less than one event short: " + s);
        assertEquals(n - depth, s.droppedQueueFull(), s.toString());
        assertEquals(n + 1, s.offered());

        backend.mode(Mode.ACCEPT);
        assertTrue(engine.flush(WAIT));
        PipelineStats after = engine.stats();
        assertEquals(0, after.queueBytes(), after.toString());
        assertEquals(0, after.queueDepth(), after.toString());
        assertEquals(1 + depth, after.published(), after.toString());
        List<Long> kept = PipelineTest.seqsOf(backend.received(), "s");
        assertEquals(PipelineTest.seqs(n - depth + 1, n), kept, "the newest were kept");
    }

    @Test
    void queueMaxBytesEqualToEventMaxBytes_holdsOneLargestEvent_eachReplacingTheLast() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = stuck(backend, "telltale.queue.capacity", "1000", "telltale.event.max-bytes", "1KiB",
                "telltale.queue.max-bytes", "1KiB");
        for (int i = 1; i <= 5; i++) {
            engine.offer(event("s", i, Map.of("text", "x".repeat(5000)))); // estimated at the cap: 1 KiB
        }
        PipelineStats s = engine.stats();
        assertEquals(1, s.queueDepth(), s.toString());
        assertEquals(1024, s.queueBytes(), "an event estimated larger than the largest event counts as the largest");
        assertEquals(4, s.droppedQueueFull(), s.toString());
        backend.mode(Mode.ACCEPT);
        assertTrue(engine.flush(WAIT));
        assertEquals(List.of(5L), PipelineTest.seqsOf(backend.received(), "s"));
    }

    /** An event with no fields, whose routing key is padded so that it encodes to {@code size} bytes. */
    private static Event ofEncodedSize(int size, long seq) {
        Event probe = fixed("r", seq);
        int base = new dev.telltale.core.internal.json.EventCodec(dev.telltale.core.internal.json.JsonLimits.DEFAULT)
                .encode(probe).length;
        return fixed("r" + "x".repeat(size - base), seq);
    }

    private static Event fixed(String routingKey, long seq) {
        return Event.builder().kind("test.event").routingKey(routingKey).source("s").seq(seq)
                .time(Instant.parse("2026-01-02T03:04:05.123Z")).thread("main").host("test-host").pid(4242).build();
    }

    @Test
    void eventOfExactlyMaxBytes_isPublished_oneByteMoreIsTooLarge() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.event.max-bytes", "1KiB");
        engine.offer(ofEncodedSize(1024, 1));
        engine.offer(ofEncodedSize(1025, 2));
        engine.offer(ofEncodedSize(1023, 3));
        assertTrue(engine.flush(WAIT));
        PipelineStats s = engine.stats();
        assertEquals(1, s.droppedTooLarge(), s.toString());
        assertEquals(2, s.published(), s.toString());
        List<Envelope> received = backend.received();
        assertEquals(List.of(1L, 3L), PipelineTest.seqsOf(received, "s"));
        assertEquals(1024, received.get(0).payload().length);
        assertEquals(1023, received.get(1).payload().length);
    }

    @Test
    void timedOutClose_reportsEverythingItAbandoned_inFlightAndQueued() throws Exception {
        RecordingBackend backend = new RecordingBackend().mode(Mode.BLOCK);
        engines.releaseOnClose(backend);
        try (LogCapture log = new LogCapture()) {
            Engine engine = start(backend, "telltale.flush.timeout", "200ms", "telltale.batch.size", "10",
                    "telltale.flush.interval", "10ms");
            for (int i = 1; i <= 35; i++) {
                engine.offer(event("s", i, Map.of()));
            }
            assertTrue(backend.awaitBlocked(WAIT));
            Await.until(() -> engine.stats().queueDepth() < 35, WAIT, () -> "a batch in flight");
            PipelineStats before = engine.stats();
            assertEquals(35, before.pending(), "some in flight, the rest queued: " + before);
            engine.close();
            PipelineStats s = engine.stats();
            assertEquals(35, s.droppedShutdown(), s.toString());
            assertEquals(0, s.pending(), s.toString());
            assertEquals(0, s.queueDepth(), s.toString());
            List<String> warnings = log.messages(Level.WARNING);
            assertTrue(warnings.stream().anyMatch(m -> m.contains("did not finish within telltale.flush.timeout (200ms); "
                    + "35 events dropped (shutdown)")), log.all().toString());
            assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("closed; offered 35, published 0,"
                    + " dropped 35 (queue-full 0, too-large 0, backend-error 0, shutdown 35), pending 0")),
                    log.all().toString());
        }
    }
}
