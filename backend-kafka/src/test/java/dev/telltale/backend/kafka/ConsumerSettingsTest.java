package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.SourceConfig;
import dev.telltale.spi.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    private static ConsumerSettings settings(Map<String, String> options, String... keyValues) {
        return ConsumerSettings.from(SourceConfig.resolve(new KafkaBackend(), FakeBackendConfig.of(keyValues),
                new Subscription(List.of(), options)));
    }

    @Test
    void from_noOptions_latestWithoutGroupOrCommits() {
        ConsumerSettings s = settings(Map.of());
        assertFalse(s.earliest());
        assertNull(s.group());
        assertEquals(Duration.ofSeconds(10), s.openTimeout());
        assertEquals("latest", s.properties().get("auto.offset.reset"));
        assertEquals("false", s.properties().get("enable.auto.commit"));
        assertFalse(s.properties().containsKey("group.id"));
        assertEquals("false", s.properties().get("allow.auto.create.topics"));
        assertEquals(List.of("telltale.events"), s.topics());
    }

    @Test
    void from_optionsByLastWordOrInFull_areApplied() {
        ConsumerSettings s = settings(Map.of("from", "EARLIEST", "telltale.kafka.group", "ops", "open-timeout", "250ms"));
        assertTrue(s.earliest());
        assertEquals("ops", s.group());
        assertEquals(Duration.ofMillis(250), s.openTimeout());
        assertEquals("ops", s.properties().get("group.id"));
        assertEquals("false", s.properties().get("enable.auto.commit"), "KafkaSource commits what it handed on");
        assertEquals("earliest", s.properties().get("auto.offset.reset"));
    }

    @Test
    void from_topicsMapped_readsDefaultAndMappedTopics() {
        ConsumerSettings s = settings(Map.of(), "telltale.kafka.topics", "orders.#=orders,audit.*=audit,x=orders");
        assertEquals(List.of("telltale.events", "orders", "audit"), s.topics());
    }

    @Test
    void from_passThrough_keepsConsumerAndCommonPropertiesOnly() {
        ConsumerSettings s = settings(Map.of(), "telltale.kafka.security.protocol", "SSL", "telltale.kafka.acks", "1",
                "telltale.kafka.fetch.min.bytes", "10", "telltale.kafka.group.id", "sneaky", "telltale.kafka.linger.ms", "5");
        assertEquals("SSL", s.properties().get("security.protocol"));
        assertEquals("10", s.properties().get("fetch.min.bytes"));
        assertFalse(s.properties().containsKey("acks"));
        assertFalse(s.properties().containsKey("linger.ms"));
        assertFalse(s.properties().containsKey("group.id"), "only the group option sets a group");
    }

    @Test
    void from_unknownOrMalformedOptions_throwNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("follow", "true")));
        assertTrue(unknown.getMessage().contains("'follow'"), unknown.getMessage());
        IllegalArgumentException from = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("from", "start")));
        assertTrue(from.getMessage().contains("from") && from.getMessage().contains("start"), from.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("open-timeout", "soon")));
        assertTrue(timeout.getMessage().contains("open-timeout") && timeout.getMessage().contains("soon"), timeout.getMessage());
    }
}
