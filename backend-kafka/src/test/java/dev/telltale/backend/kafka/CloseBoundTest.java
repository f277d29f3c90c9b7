package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.core.CoreBackendConfig;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closing is bounded by {@code telltale.flush.timeout} when the brokers are away: the pipeline's
 * {@code close()}, and the producer's own close, whose default follows the flush timeout.
 */
class CloseBoundTest {

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void pipelineClose_unreachableBrokers_returnsWithinTheFlushTimeout() throws Exception {
        String bootstrap = "127.0.0.1:" + closedPort();
        Telltale telltale = Pipelines.builder(bootstrap, "telltale.events")
                .set("telltale.flush.timeout", "1s")
                .build();
        Emitter emitter = telltale.emitter("app.start");
        for (int i = 0; i < 200; i++) {
            emitter.emit("started", Map.of("i", i));
        }
        long start = System.nanoTime();
        telltale.close();
        long took = System.nanoTime() - start;
        // unbounded, close would wait for brokers that never come; the margin over the 1 s flush
        // timeout is for a loaded machine's scheduling
        assertTrue(took < Duration.ofSeconds(8).toNanos(), "close() took " + took / 1_000_000 + " ms");
        PipelineStats stats = telltale.stats();
        assertEquals(200, stats.offered(), stats.toString());
        assertEquals(0, stats.published(), stats.toString());
        assertEquals(0, stats.pending(), stats.toString());
    }

    @Test
    void sinkClose_brokerThatNeverAnswers_waitsTheFlushTimeout_unlessCloseTimeoutIsSet() throws Exception {
        long followsFlush = closeAfterFailedPublish(Map.of("telltale.flush.timeout", "500ms"));
        assertTrue(followsFlush < Duration.ofMillis(3000).toNanos(), "close() took " + followsFlush / 1_000_000 + " ms");
        // the control: the same close with an explicit, longer close-timeout does wait for it, so the
        // bound above is the flush timeout's doing and not a close with nothing to wait for
        long own = closeAfterFailedPublish(Map.of("telltale.flush.timeout", "500ms", "telltale.kafka.close-timeout", "4s"));
        assertTrue(own >= Duration.ofMillis(3500).toNanos(), "close() took " + own / 1_000_000 + " ms");
    }

    /**
     * Publishes a batch to a listener that accepts connections (the kernel does, from its
     * backlog) and never answers, so the producer's first request stays in flight and closing
     * waits out its whole timeout; returns how long {@code close()} took, in nanoseconds. The
     * {@code lossy} profile: with idempotence, Kafka's client blocks its own close for up to
     * {@code request.timeout.ms} waiting for a producer id from such a broker, whatever the close
     * timeout (see the README's known limits).
     */
    private static long closeAfterFailedPublish(Map<String, String> settings) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> all = new HashMap<>(settings);
            all.put("telltale.backend", "kafka");
            all.put("telltale.kafka.bootstrap.servers", "127.0.0.1:" + silent.getLocalPort());
            all.put("telltale.kafka.profile", "lossy");
            all.put("telltale.kafka.max.block.ms", "500");
            CoreBackendConfig config = CoreBackendConfig.resolve(new KafkaBackend(), all);
            Sink sink = new KafkaBackend().openSink(config);
            List<Envelope> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(new Envelope("app.start", "src-" + i, Map.of(Envelope.KIND_HEADER, "started"),
                        "{}".getBytes(StandardCharsets.UTF_8)));
            }
            assertThrows(IOException.class, () -> sink.publish(batch));
            long start = System.nanoTime();
            sink.close();
            return System.nanoTime() - start;
        }
    }
}
