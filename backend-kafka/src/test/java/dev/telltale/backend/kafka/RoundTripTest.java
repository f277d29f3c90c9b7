package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events through the real pipeline into a real broker, and back through the monitor's source. */
class RoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaCluster.shared();
    }

    private static Telltale pipeline(String topic, String... keyValues) {
        Telltale.Builder builder = Pipelines.builder(cluster.bootstrapServers(), topic);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.set(keyValues[i], keyValues[i + 1]);
        }
        return builder.build();
    }

    private static void emit(Emitter emitter, int n) {
        for (int i = 0; i < n; i++) {
            emitter.emit("test.event", Map.of("i", i));
        }
    }

    @Test
    void monitor_routingKeyPattern_receivesMatchingEventsWithTheirHeaders() throws Exception {
        String topic = cluster.newTopic("round-trip");
        try (Source source = Pipelines.source(cluster.bootstrapServers(), Map.of("telltale.kafka.topic", topic),
                List.of("orders.#"));
                Telltale telltale = pipeline(topic)) {
            Emitter orders = telltale.emitter("orders.created", "order-1", Map.of("tenant", "acme"));
            emit(orders, 3);
            emit(telltale.emitter("audit.login"), 2);
            telltale.emitter("orders", "order-2", Map.of()).emit("order.closed", Map.of());
            assertTrue(telltale.flush(WAIT));
            assertEquals(6, telltale.stats().published(), telltale.stats().toString());

            List<Envelope> all = Pipelines.read(source, 4, WAIT);
            assertEquals(List.of("orders", "orders.created", "orders.created", "orders.created"),
                    all.stream().map(Envelope::routingKey).sorted().toList(), "sources may be on different partitions");
            List<Envelope> read = all.stream().filter(e -> e.routingKey().equals("orders.created")).toList();
            Envelope first = read.get(0);
            assertEquals("acme", first.headers().get("tenant"));
            assertEquals("test.event", first.headers().get("telltale-kind"));
            assertEquals("orders.created", first.headers().get("telltale-routing-key"));
            assertEquals(Long.toString(ProcessHandle.current().pid()), first.headers().get("telltale-pid"));
            assertFalse(first.headers().get("telltale-host").isEmpty());
            assertEquals("application/json", first.headers().get("content-type"));
            assertEquals("order-1", Pipelines.source(first));
            assertEquals("order-1", first.key(), "the record key, read back as the envelope's key");
            assertEquals(List.of(1L, 2L, 3L), read.subList(0, 3).stream().map(Pipelines::seq).toList());
            assertTrue(source.position().matches(topic + "-\\d+@\\d+"), source.position());
            assertEquals(List.of(), Pipelines.drain(source, Duration.ofMillis(500)), "audit events filtered out");
        }
    }

    @Test
    void monitor_fromLatestAndEarliest_startWhereTheySay() throws Exception {
        String topic = cluster.newTopic("from");
        Map<String, String> settings = Map.of("telltale.kafka.topic", topic);
        try (Telltale telltale = pipeline(topic)) {
            Emitter emitter = telltale.emitter("a.b");
            emit(emitter, 3);
            assertTrue(telltale.flush(WAIT));
            try (Source latest = Pipelines.source(cluster.bootstrapServers(), settings, List.of());
                    Source earliest = Pipelines.source(cluster.bootstrapServers(), settings, List.of(), "from", "earliest")) {
                emit(emitter, 2);
                assertTrue(telltale.flush(WAIT));
                assertEquals(List.of(4L, 5L), Pipelines.read(latest, 2, WAIT).stream().map(Pipelines::seq).toList());
                assertEquals(List.of(1L, 2L, 3L, 4L, 5L),
                        Pipelines.read(earliest, 5, WAIT).stream().map(Pipelines::seq).toList());
            }
        }
    }

    @Test
    void monitor_withGroup_continuesFromTheGroupsCommittedOffsets() throws Exception {
        String topic = cluster.newTopic("group");
        String group = Pipelines.uniqueTopic("monitor");
        Map<String, String> settings = Map.of("telltale.kafka.topic", topic);
        try (Telltale telltale = pipeline(topic)) {
            Emitter emitter = telltale.emitter("a.b");
            emit(emitter, 3);
            assertTrue(telltale.flush(WAIT));
            try (Source first = Pipelines.source(cluster.bootstrapServers(), settings, List.of(), "group", group,
                    "from", "earliest")) {
                assertEquals(List.of(1L, 2L, 3L), Pipelines.read(first, 3, WAIT).stream().map(Pipelines::seq).toList());
            }
            emit(emitter, 2);
            assertTrue(telltale.flush(WAIT));
            try (Source second = Pipelines.source(cluster.bootstrapServers(), settings, List.of(), "group", group,
                    "from", "earliest")) {
                assertEquals(List.of(4L, 5L), Pipelines.read(second, 2, WAIT).stream().map(Pipelines::seq).toList());
            }
        }
    }

    @Test
    void topicMapping_eventsGoToTheFirstMatchingTopic() throws Exception {
        String base = cluster.newTopic("mapped");
        cluster.createTopic(base + "-orders", 3);
        cluster.createTopic(base + "-audit", 3);
        String mapping = "orders.#=" + base + "-orders,audit.*=" + base + "-audit,#.login=" + base + "-never";
        Map<String, String> settings = Map.of("telltale.kafka.topic", base, "telltale.kafka.topics", mapping);
        try (Source source = Pipelines.source(cluster.bootstrapServers(), settings, List.of());
                Telltale telltale = pipeline(base, "telltale.kafka.topics", mapping)) {
            telltale.emitter("orders.created").emit("e", Map.of());
            telltale.emitter("audit.login").emit("e", Map.of());
            telltale.emitter("shop.cart").emit("e", Map.of());
            assertTrue(telltale.flush(WAIT));
            Map<String, String> topicByKey = new java.util.HashMap<>();
            for (int i = 0; i < 3; i++) {
                Envelope e = Pipelines.read(source, 1, WAIT).get(0);
                topicByKey.put(e.routingKey(), source.position().replaceAll("-\\d+@\\d+$", ""));
            }
            assertEquals(Map.of("orders.created", base + "-orders", "audit.login", base + "-audit", "shop.cart", base),
                    topicByKey);
            assertFalse(cluster.topics().contains(base + "-never"), "the brokers create topics on first use only");
        }
    }

    @Test
    void recordKey_isTheSourceId_soEachSourceStaysOnOnePartition() throws Exception {
        String topic = cluster.newTopic("keys");
        try (Source source = Pipelines.source(cluster.bootstrapServers(), Map.of("telltale.kafka.topic", topic), List.of());
                Telltale telltale = pipeline(topic)) {
            for (int s = 0; s < 12; s++) {
                emit(telltale.emitter("k.k", "source-" + s, Map.of()), 5);
            }
            assertTrue(telltale.flush(WAIT));
            Map<String, String> partitionBySource = new java.util.HashMap<>();
            List<String> partitions = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Envelope e = Pipelines.read(source, 1, WAIT).get(0);
                String partition = source.position().replaceAll("@\\d+$", "");
                partitions.add(partition);
                assertEquals(Pipelines.source(e), e.key(), "record key");
                String previous = partitionBySource.putIfAbsent(e.key(), partition);
                assertTrue(previous == null || previous.equals(partition), "source " + Pipelines.source(e)
                        + " on " + previous + " and " + partition);
            }
            assertTrue(partitions.stream().distinct().count() > 1, "12 keys all on one of 3 partitions: " + partitions);
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                    "bootstrap.servers", cluster.bootstrapServers(), "auto.offset.reset", "earliest",
                    "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
                    "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class))) {
                List<org.apache.kafka.common.TopicPartition> all = consumer.partitionsFor(topic).stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
                consumer.assign(all);
                consumer.seekToBeginning(all);
                int seen = 0;
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (seen < 60 && System.nanoTime() < deadline) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        assertEquals(Pipelines.source(new Envelope("", Map.of(), record.value().getBytes(
                                java.nio.charset.StandardCharsets.UTF_8))), record.key());
                        seen++;
                    }
                }
                assertEquals(60, seen);
            }
        }
    }

    /**
     * The one test that publishes to a topic nobody created: the broker creates it on the first
     * metadata request and elects its leader meanwhile. That may take longer than {@code
     * max.block.ms}, and a broker before Kafka 4.5 may refuse an early request for good
     * (KAFKA-15591: its records wait out {@code delivery.timeout.ms}), so the delivery timeout is
     * short, the pipeline retries often enough, and the wait is bounded but generous.
     */
    @Test
    void autoCreatedTopic_everyEventOfTheFirstBatches_isPublishedOnce() throws Exception {
        String topic = Pipelines.uniqueTopic("auto-created");
        assertFalse(cluster.topics().contains(topic));
        try (Telltale telltale = pipeline(topic, "telltale.kafka.delivery.timeout.ms", "5000",
                "telltale.kafka.request.timeout.ms", "2000", "telltale.retry.attempts", "20")) {
            for (int s = 0; s < 12; s++) {
                emit(telltale.emitter("auto.created", "source-" + s, Map.of()), 5);
            }
            assertTrue(telltale.flush(Duration.ofSeconds(90)), telltale.stats().toString());
            assertEquals(60, telltale.stats().published(), telltale.stats().toString());
            assertEquals(0, telltale.stats().dropped(), telltale.stats().toString());
        }
        assertTrue(cluster.topics().contains(topic));
        try (Source source = Pipelines.source(cluster.bootstrapServers(), Map.of("telltale.kafka.topic", topic), List.of(),
                "from", "earliest")) {
            // delivery is at least once: a record whose request timed out may have been written before it was retried
            java.util.Set<String> events = new java.util.TreeSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (events.size() < 60 && System.nanoTime() < deadline) {
                Pipelines.read(source, 1, Duration.ofMillis(500)).forEach(e -> events.add(e.key() + "#" + Pipelines.seq(e)));
            }
            assertEquals(60, events.size(), "every source's five events, whatever their order: " + events);
        }
    }

    @Test
    void tooLarge_recordOverMaxRequestSize_isCountedTooLargeAndTheRestPublished() throws Exception {
        String topic = cluster.newTopic("too-large");
        try (LogCapture log = new LogCapture();
                Telltale telltale = pipeline(topic, "telltale.kafka.max.request.size", "4000")) {
            Emitter emitter = telltale.emitter("big.and.small");
            emitter.emit("small", Map.of());
            emitter.emit("big", Map.of("blob", "x".repeat(10_000)));
            emitter.emit("small", Map.of());
            assertTrue(telltale.flush(WAIT));
            PipelineStats stats = telltale.stats();
            assertEquals(1, stats.droppedTooLarge(), stats.toString());
            assertEquals(2, stats.published(), stats.toString());
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("RecordTooLargeException")),
                    log.all().toString());
        }
    }

    @Test
    void lossyProfile_publishesToo() throws Exception {
        String topic = cluster.newTopic("lossy");
        try (Source source = Pipelines.source(cluster.bootstrapServers(), Map.of("telltale.kafka.topic", topic), List.of());
                Telltale telltale = pipeline(topic, "telltale.kafka.profile", "lossy")) {
            emit(telltale.emitter("a.b"), 10);
            assertTrue(telltale.flush(WAIT));
            assertEquals(10, telltale.stats().published());
            assertEquals(10, Pipelines.read(source, 10, WAIT).size());
        }
    }

}
