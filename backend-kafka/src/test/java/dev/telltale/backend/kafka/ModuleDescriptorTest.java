package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.core.testing.ModulePath;
import dev.telltale.spi.SpecStoreProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code provides} in {@code module-info.java}, proven in a module layer of the built
 * classes, with the Kafka client as the automatic module {@code kafka.clients}.
 */
class ModuleDescriptorTest {

    @Test
    void serviceLoader_onTheModulePath_findsTheBackendAndTheSpecStoreInTheModule() throws Exception {
        ModuleLayer layer = ModulePath.layer(Set.of("dev.telltale.backend.kafka"), KafkaBackend.class,
                org.apache.kafka.clients.producer.KafkaProducer.class);
        assertEquals(List.of("dev.telltale.backend.kafka/dev.telltale.backend.kafka.KafkaBackend"),
                ModulePath.backendProviders(layer));
        Class<?> spi = layer.findLoader("dev.telltale.api").loadClass(SpecStoreProvider.class.getName());
        assertEquals(List.of("dev.telltale.backend.kafka/dev.telltale.backend.kafka.KafkaSpecStoreProvider"),
                ServiceLoader.load(layer, spi).stream()
                        .map(p -> p.type().getModule().getName() + "/" + p.type().getName()).toList());
    }
}
