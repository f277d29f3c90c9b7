package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.context.Context;
import dev.telltale.core.internal.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./telltale monitor} and {@code ./telltale demo} on the Kafka backend, through {@link
 * Main#run} in this JVM, against a single-broker KRaft cluster started here on loopback.
 *
 * <p>The topics are created, and served, before anything is published to them: a broker before
 * Kafka 4.5 may refuse early produce requests to a topic it is still creating for good
 * (KAFKA-15591), and their records then wait out {@code delivery.timeout.ms}. Publishing to a
 * topic the broker creates on first use is backend-kafka's RoundTripTest's business.
 */
@Timeout(180)
class KafkaCommandsTest {

    private static final int PARTITIONS = 3;

    private static KafkaClusterTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kit = InProcessKafka.start(true, Map.of("num.partitions", Integer.toString(PARTITIONS),
                "offsets.topic.num.partitions", "1", "group.initial.rebalance.delay.ms", "0"));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    /**
     * A new topic named {@code prefix-<unique>}, created, and served: listing its partitions'
     * offsets needs the partitions' leader, as producing does, and fails with a retriable error
     * (tried again) while the broker has not applied the creation yet. At most 30 s.
     */
    private static String newTopic(String prefix) throws Exception {
        String topic = prefix + "-" + Long.toHexString(System.nanoTime());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kit.bootstrapServers(),
                "default.api.timeout.ms", "30000"))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> all = IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int attempt = 1; ; attempt++) {
                try {
                    admin.listOffsets(all).all().get(30, TimeUnit.SECONDS);
                    return topic;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline || attempt == 1000) {
                        throw e;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(20); // the broker applies the creation; nothing to block on
            }
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void monitor_collate_fromEarliest_printsTheContextsUnderOrders_andNoOthers() throws Exception {
        String topic = newTopic("cli-monitor");
        try (Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("kafka")
                .set("telltale.kafka.bootstrap.servers", kit.bootstrapServers())
                .set("telltale.kafka.topic", topic)
                .set("telltale.flush.interval", "20ms")
                .set("telltale.health.interval", "0")
                .build()) {
            for (int n = 0; n < 12; n++) {
                String name = n % 3 == 0 ? "audit.login" : n % 3 == 1 ? "orders.placed" : "orders.eu.shipped";
                try (Context ctx = Context.builder().telltale(telltale).name(name).id("c" + n)
                        .fields(Map.of("n", n)).start()) {
                    ctx.set("state", "paid");
                }
            }
            assertTrue(telltale.flush(Duration.ofSeconds(30)), "published within 30 s");
            assertEquals(36, telltale.stats().published(), telltale.stats().toString());
        }

        // --max ends the run once all eight are printed; --duration bounds it if some never come
        Result r = run("monitor", "--kafka-bootstrap", kit.bootstrapServers(), "--set", "telltale.kafka.topic=" + topic,
                "-r", "orders.#", "-c", "--from", "earliest", "--max", "8", "--duration", "60s");

        assertEquals(0, r.exit(), r.err());
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            byte[] json = line.getBytes(StandardCharsets.UTF_8);
            Map<String, Object> object = JsonReader.parseObject(json, 0, json.length);
            byId.put(String.valueOf(object.get("id")), object);
        }
        assertEquals(java.util.Set.of("c1", "c2", "c4", "c5", "c7", "c8", "c10", "c11"), byId.keySet(), r.out());
        for (int n : new int[] {1, 2, 4, 5, 7, 8, 10, 11}) {
            String line = byId.get("c" + n).toString();
            assertTrue(line.contains("state=paid") && line.contains("n=" + n), line);
        }
    }

    @Test
    void demo_onKafka_exitsZero_andSummarizesWhatWasPublishedAndReadBack() throws Exception {
        Result r = run("demo", "--backend", "kafka", "--kafka-bootstrap", kit.bootstrapServers(), "--duration", "2s",
                "--rate", "100", "--out", dir.toString(),
                "--set", "telltale.kafka.topic=" + newTopic("cli-demo"));

        assertEquals(0, r.exit(), "out:\n" + r.out() + "\nerr:\n" + r.err());
        assertTrue(r.out().contains("publishing to the kafka backend"), r.out());
        assertTrue(r.out().contains("Dropped: 0."), r.out());
        assertTrue(r.out().contains("Events by kind, read back through the kafka backend's consuming side:"), r.out());
        assertTrue(r.out().contains("context.born"), r.out());
        assertTrue(r.out().contains("./telltale monitor --backend kafka --kafka-bootstrap " + kit.bootstrapServers()),
                r.out());
        java.util.regex.Matcher published = java.util.regex.Pattern
                .compile("Telltale published ([\\d,]+) of ([\\d,]+) events offered").matcher(r.out());
        assertTrue(published.find(), r.out());
        assertEquals(published.group(2), published.group(1), "every event offered was published: " + r.out());
        assertTrue(Long.parseLong(published.group(1).replace(",", "")) > 0, r.out());
    }
}
