package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.CoreBackendConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    void openSink_failingAgainAndAgain_keepsItsClientIdAndDeclaresItsThreadsOnce() {
        FakeBackendConfig config = FakeBackendConfig.of("telltale.kafka.acks", "1");
        Object clientId = ProducerSettings.from(config).properties().get("client.id");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThrows(IllegalArgumentException.class, () -> new KafkaBackend().openSink(config));
        }
        assertEquals(clientId, ProducerSettings.from(config).properties().get("client.id"));
        assertEquals(List.of("kafka-producer-network-thread | " + clientId), config.internalPrefixes);
        Object other = ProducerSettings.from(FakeBackendConfig.of()).properties().get("client.id");
        assertTrue(!other.equals(clientId), "another pipeline gets another client id: " + other);
    }
}
