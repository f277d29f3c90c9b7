package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.ModulePath;
import dev.telltale.spi.ConfigKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

class KafkaBackendTest {

    @Test
    void serviceLoader_onTheModulePath_findsTheKafkaBackendInItsModule() throws Exception {
        ModuleLayer layer = ModulePath.layer(Set.of("dev.telltale.backend.kafka"), KafkaBackend.class,
                KafkaProducer.class);
        assertEquals(List.of("dev.telltale.backend.kafka/dev.telltale.backend.kafka.KafkaBackend"),
                ModulePath.backendProviders(layer));
    }

    @Test
    void keys_declared_haveTheDocumentedDefaults() {
        KafkaBackend backend = new KafkaBackend();
        Map<String, String> defaults = new LinkedHashMap<>();
        backend.keys().forEach(k -> defaults.put(k.name(), k.defaultValue()));
        assertEquals(Map.ofEntries(
                Map.entry("telltale.kafka.bootstrap.servers", "127.0.0.1:9092"),
                Map.entry("telltale.kafka.topic", "telltale.events"),
                Map.entry("telltale.kafka.topics", ""),
                Map.entry("telltale.kafka.profile", "safe"),
                Map.entry("telltale.kafka.close-timeout", ""),
                Map.entry("telltale.kafka.max.block.ms", "5000"),
                Map.entry("telltale.kafka.delivery.timeout.ms", "30000"),
                Map.entry("telltale.kafka.request.timeout.ms", "10000"),
                Map.entry("telltale.kafka.linger.ms", "0"),
                Map.entry("telltale.kafka.batch.size", "262144"),
                Map.entry("telltale.kafka.compression.type", "lz4")), defaults);
        assertTrue(backend.acceptsUnlistedKeys());
        assertEquals(List.of("telltale.kafka.from", "telltale.kafka.group", "telltale.kafka.open-timeout"),
                backend.subscriptionOptions().stream().map(ConfigKey::name).toList());
    }
}
