package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.core.testing.ModulePath;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code provides} in {@code module-info.java}, proven in a module layer of the built
 * classes, with the RabbitMQ client as the automatic module {@code com.rabbitmq.client}.
 */
class ModuleDescriptorTest {

    @Test
    void serviceLoader_onTheModulePath_findsTheAmqpBackendInItsModule() throws Exception {
        ModuleLayer layer = ModulePath.layer(Set.of("dev.telltale.backend.amqp"), AmqpBackend.class,
                com.rabbitmq.client.Connection.class, org.slf4j.Logger.class);
        assertEquals(List.of("dev.telltale.backend.amqp/dev.telltale.backend.amqp.AmqpBackend"),
                ModulePath.backendProviders(layer));
        assertEquals("com.rabbitmq.client", layer.findModule("com.rabbitmq.client").orElseThrow().getName());
    }

    @Test
    void serviceLoader_onTheModulePath_findsTheAmqpSpecStoreInItsModule() throws Exception {
        ModuleLayer layer = ModulePath.layer(Set.of("dev.telltale.backend.amqp"), AmqpBackend.class,
                com.rabbitmq.client.Connection.class, org.slf4j.Logger.class);
        Class<?> spi = layer.findLoader("dev.telltale.api").loadClass(dev.telltale.spi.SpecStoreProvider.class.getName());
        assertEquals(List.of("dev.telltale.backend.amqp/dev.telltale.backend.amqp.AmqpSpecStoreProvider"),
                java.util.ServiceLoader.load(layer, spi).stream()
                        .map(p -> p.type().getModule().getName() + "/" + p.type().getName()).toList());
    }
}
