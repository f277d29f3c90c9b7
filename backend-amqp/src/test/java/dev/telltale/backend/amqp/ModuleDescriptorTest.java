package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.spi.Backend;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code provides} in {@code module-info.java}, proven in a module layer of the built
 * classes, with the RabbitMQ client as the automatic module {@code com.rabbitmq.client}.
 */
class ModuleDescriptorTest {

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void serviceLoader_onTheModulePath_findsTheAmqpBackendInItsModule() throws Exception {
        ModuleFinder finder = ModuleFinder.of(location(Backend.class), location(AmqpBackend.class),
                location(com.rabbitmq.client.Connection.class), location(org.slf4j.Logger.class));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of("dev.telltale.api", "dev.telltale.backend.amqp"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
                ClassLoader.getPlatformClassLoader());
        Class<?> spi = layer.findLoader("dev.telltale.api").loadClass(Backend.class.getName());

        List<String> providers = ServiceLoader.load(layer, spi).stream()
                .map(p -> p.type().getModule().getName() + "/" + p.type().getName())
                .toList();

        assertEquals(List.of("dev.telltale.backend.amqp/dev.telltale.backend.amqp.AmqpBackend"), providers);
        assertEquals("com.rabbitmq.client", layer.findModule("com.rabbitmq.client").orElseThrow().getName());
    }
}
