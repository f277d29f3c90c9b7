package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import dev.telltale.tool.SpecStoreOpener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code kafka:} spec store against a real in-process broker. */
class KafkaSpecStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    static SpecStore open(String bootstrap, String topic) throws IOException {
        return new KafkaSpecStoreProvider().open(bootstrap, new SpecStoreOptions(TIMEOUT, Map.of("topic", topic)));
    }

    @Test
    void putReportRemove_everyStoreOnTheTopic_seesTheSameSpecsAndStatuses() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = Pipelines.uniqueTopic("specs");
        try (SpecStore writer = open(cluster.bootstrapServers(), topic)) {
            writer.put("a", "{\"id\":\"a\",\"v\":1}");
            writer.put("b", "{\"id\":\"b\"}");
            writer.put("a", "{\"id\":\"a\",\"v\":2}");
            writer.report("a", "web-1@h:1", "{\"status\":\"applied\"}");
            writer.report("b", "web-1@h:1", "{\"status\":\"failed\"}");
            writer.report("b", "web-2@h:2", "{\"status\":\"applied\"}");
            assertEquals(Map.of("a", "{\"id\":\"a\",\"v\":2}", "b", "{\"id\":\"b\"}"), writer.specs());

            try (SpecStore late = open(cluster.bootstrapServers(), topic)) {
                assertEquals(writer.specs(), late.specs(), "a store opened later reads the topic from its beginning");
                assertEquals(Map.of("a", Map.of("web-1@h:1", "{\"status\":\"applied\"}"),
                        "b", Map.of("web-1@h:1", "{\"status\":\"failed\"}", "web-2@h:2", "{\"status\":\"applied\"}")),
                        late.statuses());

                late.remove("b");
                assertEquals(Map.of("a", "{\"id\":\"a\",\"v\":2}"), writer.specs(), "the tombstone reached the first store");
                assertEquals(Map.of("a", Map.of("web-1@h:1", "{\"status\":\"applied\"}")), writer.statuses());
            }
            writer.report("b", "web-3@h:3", "{\"status\":\"applied\"}"); // late, for a removed spec
            assertEquals(Map.of("a", Map.of("web-1@h:1", "{\"status\":\"applied\"}")), writer.statuses(),
                    "a status for a removed spec is not listed");
        }
        try (Admin admin = cluster.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(java.util.List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertEquals("compact", config.get("cleanup.policy").value(), "the store created its topic compacted");
        }
    }

    @Test
    void tombstones_areRecordsWithNullValues_soCompactionDropsTheSpec() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = Pipelines.uniqueTopic("specs");
        try (SpecStore store = open(cluster.bootstrapServers(), topic);
                CompactedTopic raw = new CompactedTopic(cluster.bootstrapServers(), topic, TIMEOUT, "test-raw")) {
            store.put("gone", "{}");
            store.report("gone", "p", "{\"status\":\"applied\"}");
            assertEquals(2, raw.current().size());
            store.remove("gone");
            assertEquals(Map.of(), raw.current(), "both keys folded away by their tombstones");
            assertEquals(Map.of(), store.specs());
        }
    }

    @Test
    @Timeout(120)
    void timeout_longestThereIs_asLongAsItTakes_putsReadsAndRemoves() throws Exception {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = Pipelines.uniqueTopic("specs");
        String address = "kafka:" + cluster.bootstrapServers();
        try (SpecStore store = SpecStoreOpener.open(address, forever, Map.of("topic", topic))) {
            store.put("a", "{\"id\":\"a\"}");
            store.report("a", "web-1@h:1", "{\"status\":\"applied\"}");
            assertEquals(Map.of("a", "{\"id\":\"a\"}"), store.specs());
            try (SpecStore late = SpecStoreOpener.open(address, forever, Map.of("topic", topic))) {
                assertEquals(Map.of("a", Map.of("web-1@h:1", "{\"status\":\"applied\"}")), late.statuses(),
                        "a store opened later reads the topic to its end");
                late.remove("a");
            }
            assertEquals(Map.of(), store.specs(), "the tombstone reached the first store");
        }
    }

    @Test
    void clientMillis_saturatesAtTheLongestTheClientsTake_andIsAtLeastOne() {
        assertEquals(Integer.MAX_VALUE, CompactedTopic.clientMillis(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(Integer.MAX_VALUE, CompactedTopic.clientMillis(Duration.ofMillis(Integer.MAX_VALUE + 1L)));
        assertEquals(Integer.MAX_VALUE, CompactedTopic.clientMillis(Duration.ofMillis(Integer.MAX_VALUE)));
        assertEquals(Integer.MAX_VALUE - 1, CompactedTopic.clientMillis(Duration.ofMillis(Integer.MAX_VALUE - 1L)));
        assertEquals(5000, CompactedTopic.clientMillis(TIMEOUT));
        assertEquals(1, CompactedTopic.clientMillis(Duration.ofNanos(1)));
    }

    @Test
    void brokerDown_callsFailWithinTheTimeout_namingTheTopic_thenRecover() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start(1);
                SpecStore store = new KafkaSpecStoreProvider().open(cluster.bootstrapServers(),
                        new SpecStoreOptions(Duration.ofSeconds(2), Map.of()))) {
            store.put("x", "{\"v\":1}");
            assertEquals(Map.of("x", "{\"v\":1}"), store.specs());

            cluster.stopBroker();
            long start = System.nanoTime();
            IOException read = assertThrows(IOException.class, store::specs);
            IOException write = assertThrows(IOException.class, () -> store.put("y", "{}"));
            long took = System.nanoTime() - start;
            assertTrue(took < Duration.ofSeconds(15).toNanos(), "two failing calls took " + took / 1_000_000 + " ms");
            assertTrue(read.getMessage().contains("'telltale.specs'") && read.getMessage().contains(cluster.bootstrapServers()),
                    read.getMessage());
            assertTrue(write.getMessage().contains("'telltale.specs'"), write.getMessage());

            cluster.startBroker();
            Map<String, String> after = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int attempt = 0; attempt < 100 && after == null && System.nanoTime() < deadline; attempt++) {
                try {
                    store.put("y", "{\"v\":2}");
                    after = store.specs();
                } catch (IOException e) {
                    // the broker is still coming back: the manager retries the same way
                }
            }
            assertEquals(Map.of("x", "{\"v\":1}", "y", "{\"v\":2}"), after);
        }
    }

    @Test
    void nothingListening_failsWithIOExceptionWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (SpecStore store = new KafkaSpecStoreProvider().open("127.0.0.1:" + port,
                new SpecStoreOptions(Duration.ofSeconds(1), Map.of()))) {
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, store::specs);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void provider_isFoundByScheme_andRefusesBadAddressesAndKeys() {
        SpecStoreProvider provider = ServiceLoader.load(SpecStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.scheme().equals("kafka")).findFirst().orElseThrow();
        assertInstanceOf(KafkaSpecStoreProvider.class, provider);
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
                () -> provider.open("localhost", SpecStoreOptions.of(TIMEOUT)));
        assertTrue(address.getMessage().contains("HOST:PORT"), address.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> provider.open("localhost:9092", new SpecStoreOptions(TIMEOUT, Map.of("topik", "x"))));
        assertTrue(key.getMessage().contains("telltale.probe.store.kafka.topik"), key.getMessage());
        IllegalArgumentException topic = assertThrows(IllegalArgumentException.class,
                () -> provider.open("localhost:9092", new SpecStoreOptions(TIMEOUT, Map.of("topic", "a b"))));
        assertTrue(topic.getMessage().contains("'a b'"), topic.getMessage());
    }
}
