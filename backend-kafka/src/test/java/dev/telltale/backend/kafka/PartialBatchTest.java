package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.PartialPublishException;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches of which the brokers take some records and not others, against a real broker that does
 * not create topics on first use. Three topics: one that takes everything; one whose {@code
 * max.message.bytes} refuses large records for good; one that does not exist yet, so that its
 * records fail after {@code max.block.ms} with the retriable "not present in metadata" timeout
 * until it is created, as they would while its partitions' leaders are away.
 */
class PartialBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MAX_MESSAGE_BYTES = 4000;
    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaCluster.start(1, false);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Three fresh topics: ok (takes all), small (refuses large records), missing (not created until healed). */
    private record Topics(String ok, String small, String missing) {
        static Topics create(String prefix) throws Exception {
            Topics t = new Topics(Pipelines.uniqueTopic(prefix + "-ok"), Pipelines.uniqueTopic(prefix + "-small"),
                    Pipelines.uniqueTopic(prefix + "-missing"));
            cluster.createTopic(t.ok, 1);
            cluster.createTopic(t.small, Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES)));
            return t;
        }

        /** Creates the missing topic. */
        void heal() throws Exception {
            cluster.createTopic(missing, 1);
        }

        String routes() {
            return "big.#=" + small + ",missing.#=" + missing;
        }
    }

    private static Envelope envelope(String routingKey, int seq, String blob) {
        String json = "{\"kind\":\"k\",\"routingKey\":\"" + routingKey + "\",\"source\":\"s\",\"seq\":" + seq
                + ",\"fields\":{\"blob\":\"" + blob + "\"}}";
        return new Envelope(routingKey, "s", Map.of(Envelope.KIND_HEADER, "k"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Random hex, which lz4 cannot shrink much: {@code chars} long. */
    private static String incompressible(int chars, long seed) {
        byte[] bytes = new byte[chars / 2];
        new Random(seed).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Sink openSink(Topics topics) {
        return new KafkaBackend().openSink(FakeBackendConfig.of(
                "telltale.kafka.bootstrap.servers", cluster.bootstrapServers(),
                "telltale.kafka.topic", topics.ok,
                "telltale.kafka.topics", topics.routes(),
                "telltale.kafka.max.block.ms", "1000",
                "telltale.kafka.request.timeout.ms", "1000",
                "telltale.kafka.delivery.timeout.ms", "2000"));
    }

    /** The seqs of every record on {@code topic}, in order, waiting for {@code expected} and then for stragglers. */
    private static List<Long> seqsOn(String topic, int expected) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Source source = Pipelines.source(cluster.bootstrapServers(), Map.of("telltale.kafka.topic", topic),
                List.of(), "from", "earliest")) {
            Pipelines.read(source, expected, WAIT).forEach(e -> seqs.add(Pipelines.seq(e)));
            Pipelines.drain(source, Duration.ofSeconds(2)).forEach(e -> seqs.add(Pipelines.seq(e)));
        }
        return seqs;
    }

    /** Publishes {@code rest} until it is all published, at most {@code attempts} times; returns the last outcome. */
    private static Sink.Outcome publishUntilAccepted(Sink sink, List<Envelope> rest, int attempts) throws Exception {
        Exception last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                return sink.publish(rest);
            } catch (Exception e) { // the new setting may not have reached the broker yet
                last = e;
            }
        }
        throw new AssertionError("not published in " + attempts + " attempts", last);
    }

    @Test
    void publish_someAckedSomeTooLargeSomeRetriable_settlesAckedAndTooLargeAndLeavesOnlyTheRetriable() throws Exception {
        Topics topics = Topics.create("mixed");
        String big = incompressible(2 * MAX_MESSAGE_BYTES, 1);
        List<Envelope> batch = List.of(
                envelope("ok.a", 1, "x"),
                envelope("big.a", 2, big),
                envelope("missing.a", 3, "x"),
                envelope("ok.a", 4, "x"),
                envelope("big.a", 5, big),
                envelope("missing.a", 6, "x"),
                envelope("ok.a", 7, "x"));
        try (Sink sink = openSink(topics)) {
            PartialPublishException partial = assertThrows(PartialPublishException.class, () -> sink.publish(batch));
            BitSet expected = new BitSet();
            List.of(0, 1, 3, 4, 6).forEach(expected::set);
            assertEquals(expected, partial.settled(), partial.getMessage());
            assertEquals(2, partial.outcome().tooLarge(), partial.outcome().toString());
            assertEquals(0, partial.outcome().failed(), partial.outcome().toString());
            assertTrue(partial.outcome().reason().contains("RecordTooLargeException"), partial.outcome().reason());

            topics.heal();
            assertEquals(Sink.Outcome.ALL_PUBLISHED, publishUntilAccepted(sink, List.of(batch.get(2), batch.get(5)), 5));
        }
        assertEquals(List.of(1L, 4L, 7L), seqsOn(topics.ok, 3), "the acknowledged records, each once");
        assertEquals(List.of(3L, 6L), seqsOn(topics.missing, 2), "the retried records, each once");
        assertEquals(List.of(), seqsOn(topics.small, 0), "the records too large for their topic");
    }

    @Test
    void publish_noneAckedSomeTooLargeRestRetriable_settlesTheTooLargeOnly() throws Exception {
        Topics topics = Topics.create("none-acked");
        String big = incompressible(2 * MAX_MESSAGE_BYTES, 2);
        List<Envelope> batch = List.of(envelope("big.a", 1, big), envelope("missing.a", 2, "x"), envelope("big.a", 3, big));
        try (Sink sink = openSink(topics)) {
            PartialPublishException partial = assertThrows(PartialPublishException.class, () -> sink.publish(batch));
            BitSet expected = new BitSet();
            expected.set(0);
            expected.set(2);
            assertEquals(expected, partial.settled(), partial.getMessage());
            assertEquals(new Sink.Outcome(2, 0, partial.outcome().reason()), partial.outcome());

            topics.heal();
            assertEquals(Sink.Outcome.ALL_PUBLISHED, publishUntilAccepted(sink, List.of(batch.get(1)), 5));
        }
        assertEquals(List.of(2L), seqsOn(topics.missing, 1));
        assertEquals(List.of(), seqsOn(topics.small, 0));
    }

    @Test
    void pipeline_batchPartlyRefusedThenTopicHealed_countsMatchTheRecordsOnTheTopics() throws Exception {
        Topics topics = Topics.create("pipeline");
        int ok = 40;
        int tooLarge = 3;
        int retriable = 5;
        try (LogCapture log = new LogCapture();
                Telltale telltale = Pipelines.builder(cluster.bootstrapServers(), topics.ok)
                        .set("telltale.kafka.topics", topics.routes())
                        .set("telltale.kafka.max.block.ms", "1000")
                        .set("telltale.kafka.request.timeout.ms", "1000")
                        .set("telltale.kafka.delivery.timeout.ms", "2000")
                        .set("telltale.retry.attempts", "20")
                        .set("telltale.flush.interval", "10s") // one batch, sent by the flush below
                        .build()) {
            Emitter okEmitter = telltale.emitter("ok.a", "ok", Map.of());
            Emitter bigEmitter = telltale.emitter("big.a", "big", Map.of());
            Emitter missingEmitter = telltale.emitter("missing.a", "missing", Map.of());
            for (int i = 0; i < ok; i++) {
                okEmitter.emit("ok", Map.of("i", i));
                if (i < tooLarge) {
                    bigEmitter.emit("big", Map.of("blob", incompressible(2 * MAX_MESSAGE_BYTES, i)));
                }
                if (i < retriable) {
                    missingEmitter.emit("missing", Map.of("i", i));
                }
            }
            telltale.flush(Duration.ZERO);
            Await.until(() -> telltale.stats().droppedBackendError() > 0
                    || log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("backend 'kafka' failed")),
                    WAIT, () -> "a failed attempt, in " + log.all() + " " + telltale.stats());
            topics.heal();
            assertTrue(telltale.flush(WAIT), "flush: " + telltale.stats());

            PipelineStats stats = telltale.stats();
            assertEquals(ok + tooLarge + retriable, stats.offered(), stats.toString());
            assertEquals(0, stats.pending(), stats.toString());
            assertEquals(stats.offered(), stats.published() + stats.dropped(), stats.toString());
            assertEquals(tooLarge, stats.droppedTooLarge(), stats.toString());
            assertEquals(0, stats.droppedBackendError(), stats.toString());
            assertEquals(ok + retriable, stats.published(), stats.toString());

            List<Long> okSeqs = seqsOn(topics.ok, ok);
            List<Long> missingSeqs = seqsOn(topics.missing, retriable);
            assertEquals(ok, okSeqs.size(), "records on the ok topic (a retried acknowledged record would be a duplicate)");
            assertEquals(ok, okSeqs.stream().distinct().count());
            assertEquals(retriable, missingSeqs.size(), "records on the healed topic");
            assertEquals(stats.published(), okSeqs.size() + missingSeqs.size(), "published vs records on the topics");
            assertEquals(List.of(), seqsOn(topics.small, 0));
        }
    }
}
