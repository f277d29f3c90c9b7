package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.CoreBackendConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    private static Map<String, Object> properties(String... keyValues) {
        return ProducerSettings.from(FakeBackendConfig.of(keyValues)).properties();
    }

    @Test
    void from_defaults_areTheSafeProfileAndTelltalesProducerDefaults() {
        Map<String, Object> p = properties();
        assertEquals("all", p.get("acks"));
        assertEquals("true", p.get("enable.idempotence"));
        assertEquals("127.0.0.1:9092", p.get("bootstrap.servers"));
        assertEquals("5000", p.get("max.block.ms"));
        assertEquals("30000", p.get("delivery.timeout.ms"));
        assertEquals("10000", p.get("request.timeout.ms"));
        assertEquals("0", p.get("linger.ms"));
        assertEquals("262144", p.get("batch.size"));
        assertEquals("lz4", p.get("compression.type"));
        assertEquals(ByteArraySerializer.class, p.get("key.serializer"));
        assertEquals(ByteArraySerializer.class, p.get("value.serializer"));
        assertTrue(String.valueOf(p.get("client.id")).startsWith("telltale-test-host-4242"), p.toString());
    }

    @Test
    void from_lossyProfile_setsAcksOneWithoutIdempotence() {
        Map<String, Object> p = properties("telltale.kafka.profile", " LOSSY ");
        assertEquals("1", p.get("acks"));
        assertEquals("false", p.get("enable.idempotence"));
    }

    @Test
    void from_passThrough_overridesProfileAndDefaults() {
        Map<String, Object> p = properties("telltale.kafka.profile", "lossy", "telltale.kafka.acks", "0",
                "telltale.kafka.linger.ms", "20", "telltale.kafka.security.protocol", "SSL",
                "telltale.kafka.client.id", "mine", "telltale.kafka.some.plugin.setting", "x");
        assertEquals("0", p.get("acks"));
        assertEquals("20", p.get("linger.ms"));
        assertEquals("SSL", p.get("security.protocol"));
        assertEquals("mine", p.get("client.id"));
        assertEquals("x", p.get("some.plugin.setting"));
    }

    @Test
    void from_ownKeysOptionsConsumerOnlyPropertiesAndSerializers_areNotPassedThrough() {
        Map<String, Object> p = properties("telltale.kafka.topic", "t", "telltale.kafka.topics", "a.#=a",
                "telltale.kafka.profile", "safe", "telltale.kafka.close-timeout", "1s", "telltale.kafka.from", "earliest",
                "telltale.kafka.group", "g", "telltale.kafka.auto.offset.reset", "earliest",
                "telltale.kafka.fetch.min.bytes", "10", "telltale.kafka.key.serializer", "com.example.Nope");
        for (String name : new String[] {"topic", "topics", "profile", "close-timeout", "from", "group",
                "auto.offset.reset", "fetch.min.bytes"}) {
            assertFalse(p.containsKey(name), name + " in " + p);
        }
        assertEquals(ByteArraySerializer.class, p.get("key.serializer"));
    }

    @Test
    void from_timeouts_comeFromTheirKeys() {
        ProducerSettings s = ProducerSettings.from(FakeBackendConfig.of("telltale.kafka.max.block.ms", "1500",
                "telltale.kafka.delivery.timeout.ms", "20000", "telltale.kafka.close-timeout", "750ms"));
        assertEquals(Duration.ofMillis(1500), s.maxBlock());
        assertEquals(Duration.ofSeconds(20), s.deliveryTimeout());
        assertEquals(Duration.ofMillis(750), s.closeTimeout());
    }

    @Test
    void closeTimeout_unset_followsTheFlushTimeout_configuredOrDefault() {
        assertEquals(Duration.ofMillis(750),
                ProducerSettings.from(FakeBackendConfig.of("telltale.flush.timeout", "750ms")).closeTimeout());
        assertEquals(Duration.ofSeconds(2), ProducerSettings.from(FakeBackendConfig.of()).closeTimeout());
        assertEquals(Duration.ofMillis(300), ProducerSettings.from(FakeBackendConfig.of("telltale.flush.timeout", "5s",
                "telltale.kafka.close-timeout", "300ms")).closeTimeout(), "an explicit close-timeout wins");
    }

    @Test
    void closeTimeout_throughTheRealConfiguration_seesTheCoreFlushTimeout() {
        CoreBackendConfig config = CoreBackendConfig.resolve(new KafkaBackend(),
                Map.of("telltale.backend", "kafka", "telltale.flush.timeout", "1m"));
        assertEquals(Duration.ofMinutes(1), ProducerSettings.from(config).closeTimeout());
        assertEquals(Duration.ofSeconds(2), ProducerSettings.from(CoreBackendConfig.resolve(new KafkaBackend(),
                Map.of("telltale.backend", "kafka"))).closeTimeout());
    }

    @Test
    void from_badProfile_throwsNamingKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> properties("telltale.kafka.profile", "fast"));
        assertTrue(e.getMessage().contains("telltale.kafka.profile") && e.getMessage().contains("fast"), e.getMessage());
    }

    @Test
    void openSink_propertyKafkaRejects_throwsSayingWhich() {
        FakeBackendConfig config = FakeBackendConfig.of("telltale.kafka.acks", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KafkaBackend().openSink(config));
        assertTrue(e.getMessage().contains("telltale.kafka.") && e.getMessage().contains("idempoten"), e.getMessage());
    }

    @Test
    void openSink_declaresTheProducerNetworkThreadInternal() throws Exception {
        FakeBackendConfig config = FakeBackendConfig.of();
        try (var sink = new KafkaBackend().openSink(config)) {
            assertTrue(sink instanceof KafkaSink);
            assertEquals(1, config.internalPrefixes.size(), config.internalPrefixes.toString());
            String prefix = config.internalPrefixes.get(0);
            assertTrue(prefix.startsWith("kafka-producer-network-thread | telltale-test-host-4242"), prefix);
            boolean running = Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix));
            assertTrue(running, "no thread named " + prefix);
        }
    }

    @Test
    void openSink_failingAgainAndAgain_declaresTheSamePrefixEveryTime() {
        FakeBackendConfig config = FakeBackendConfig.of("telltale.kafka.acks", "1");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThrows(IllegalArgumentException.class, () -> new KafkaBackend().openSink(config));
        }
        assertEquals(3, config.internalPrefixes.size(), "the fake records each declaration; the core keeps one");
        assertEquals(Set.of("kafka-producer-network-thread | telltale-test-host-4242"), Set.copyOf(config.internalPrefixes));
    }

    @Test
    void openSink_twoPipelines_getTheirOwnClientIdsWhoseThreadsTheDeclaredPrefixCovers() throws Exception {
        FakeBackendConfig first = FakeBackendConfig.of();
        FakeBackendConfig second = FakeBackendConfig.of();
        Object firstId = ProducerSettings.from(first).properties().get("client.id");
        Object secondId = ProducerSettings.from(second).properties().get("client.id");
        assertNotEquals(firstId, secondId, "Kafka wants one client id per producer of a process");
        try (var a = new KafkaBackend().openSink(first); var b = new KafkaBackend().openSink(second)) {
            assertEquals(first.internalPrefixes, second.internalPrefixes);
            String prefix = first.internalPrefixes.get(0);
            long covered = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("kafka-producer-network-thread | "))
                    .filter(t -> t.getName().startsWith(prefix)).count();
            assertTrue(covered >= 2, "both network threads start with " + prefix);
        }
    }

    @Test
    void from_clientIdPassedThrough_isWhatTheNetworkThreadPrefixNames() {
        FakeBackendConfig mine = FakeBackendConfig.of("telltale.kafka.client.id", " mine ");
        assertEquals("kafka-producer-network-thread | mine", ProducerSettings.from(mine).networkThreadPrefix());
        FakeBackendConfig blank = FakeBackendConfig.of("telltale.kafka.client.id", " ");
        ProducerSettings settings = ProducerSettings.from(blank);
        assertTrue(String.valueOf(settings.properties().get("client.id")).startsWith("telltale-test-host-4242"),
                "a blank id would let Kafka name it producer-N like the application's own producers");
        assertEquals("kafka-producer-network-thread | telltale-test-host-4242", settings.networkThreadPrefix());
    }
}
