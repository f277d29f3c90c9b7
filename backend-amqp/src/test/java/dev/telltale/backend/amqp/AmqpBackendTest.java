package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Subscription;
import dev.telltale.tool.BackendSources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AmqpBackendTest {

    private final AmqpBackend backend = new AmqpBackend();

    @Test
    void keys_declared_haveTheDocumentedTypesAndDefaults() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("telltale.amqp.uri", "STRING amqp://guest:guest@127.0.0.1:5672/%2F");
        expected.put("telltale.amqp.addresses", "STRING ");
        expected.put("telltale.amqp.exchange", "STRING telltale");
        expected.put("telltale.amqp.exchange-type", "STRING topic");
        expected.put("telltale.amqp.durable", "BOOLEAN true");
        expected.put("telltale.amqp.delivery-mode", "STRING persistent");
        expected.put("telltale.amqp.confirm-timeout", "DURATION 5s");
        expected.put("telltale.amqp.max-message-size", "SIZE 128MiB");
        expected.put("telltale.amqp.connection-timeout", "DURATION 10s");
        expected.put("telltale.amqp.recovery-interval", "DURATION 5s");
        expected.put("telltale.amqp.client-properties", "STRING ");
        assertEquals(expected, describe(backend.keys()));

        Map<String, String> options = new LinkedHashMap<>();
        options.put("telltale.amqp.queue", "STRING ");
        options.put("telltale.amqp.message-ttl", "DURATION 60s");
        options.put("telltale.amqp.expires", "DURATION 5m");
        options.put("telltale.amqp.max-length", "INTEGER 100000");
        options.put("telltale.amqp.queue-arguments", "STRING ");
        options.put("telltale.amqp.prefetch", "INTEGER 256");
        options.put("telltale.amqp.headers", "STRING ");
        options.put("telltale.amqp.x-match", "STRING all");
        assertEquals(options, describe(backend.subscriptionOptions()));
        assertFalse(backend.acceptsUnlistedKeys());
    }

    private static Map<String, String> describe(List<ConfigKey> keys) {
        return keys.stream().collect(Collectors.toMap(ConfigKey::name, k -> k.type() + " " + k.defaultValue(),
                (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void settings_defaults_areUsable() {
        AmqpSettings s = AmqpSettings.from(TestConfig.of());
        assertEquals("amqp://guest:****@127.0.0.1:5672/%2F", s.broker().redacted());
        assertEquals("telltale", s.exchange());
        assertEquals("topic", s.exchangeType());
        assertTrue(s.durable() && s.persistent());
        assertEquals(128L << 20, s.maxMessageSize());
        assertEquals(List.of(), s.addresses());
        assertEquals(Map.of(), s.clientProperties());
    }

    @Test
    void settings_givenValues_areRead() {
        AmqpSettings s = AmqpSettings.from(TestConfig.of("telltale.amqp.addresses", "r1:5672, r2:5673",
                "telltale.amqp.exchange-type", "FANOUT", "telltale.amqp.delivery-mode", "transient",
                "telltale.amqp.client-properties", "team=payments,env=prod"));
        assertEquals("[r1:5672, r2:5673]", s.addresses().toString());
        assertEquals("fanout", s.exchangeType());
        assertFalse(s.persistent());
        assertEquals(Map.of("team", "payments", "env", "prod"), s.clientProperties());
    }

    @Test
    void openSink_badValues_throwNamingTheKeyWithoutThePassword() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("telltale.amqp.uri", "http://u:s3cr3t@h/");
        cases.put("telltale.amqp.exchange-type", "round-robin");
        cases.put("telltale.amqp.delivery-mode", "durable");
        cases.put("telltale.amqp.confirm-timeout", "0");
        cases.put("telltale.amqp.connection-timeout", "0");
        cases.put("telltale.amqp.recovery-interval", "0");
        cases.put("telltale.amqp.max-message-size", "0");
        cases.put("telltale.amqp.addresses", "r1:port");
        cases.put("telltale.amqp.client-properties", "novalue");
        cases.put("telltale.amqp.exchange", "x".repeat(256));
        cases.forEach((key, value) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.openSink(
                    TestConfig.of("telltale.amqp.uri", "amqp://u:s3cr3t@127.0.0.1:1/", key, value)), key);
            assertTrue(e.getMessage().contains(key), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        });
    }

    @Test
    void openSource_badOption_throwsBeforeConnecting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackendSources.open(backend,
                TestConfig.of("telltale.amqp.uri", "amqp://u:p@127.0.0.1:1/"),
                new Subscription(List.of(), Map.of("x-match", "most"))));
        assertTrue(e.getMessage().contains("x-match"), e.getMessage());
    }
}
