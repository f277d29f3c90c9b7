package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.ConfigLoader;
import dev.telltale.core.internal.config.Schema;
import dev.telltale.core.internal.config.Sources;
import dev.telltale.spi.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration's schema, with every module of the distribution present: the spec stores'
 * keys are in it, so their {@code TELLTALE_*} variables reach the store under their exact names
 * (a dash in a key's last word included), and no two keys share a variable. In this module's tests
 * because only here are the Kafka and RabbitMQ stores on the class path.
 */
class StoreKeysEnvironmentTest {

    private final List<String> warnings = new ArrayList<>();
    private final Schema schema = CoreEngine.schema(Backends.discover(CoreEngine.class.getClassLoader(), warnings::add));

    @Test
    void storeKeys_fromTheEnvironment_reachTheStoreUnderTheirOwnNames() {
        Config config = ConfigLoader.load(new Sources(Map.of(), Map.of(), Map.of(
                "TELLTALE_PROBE_STORE_AMQP_MAX_AGE", "12h",
                "TELLTALE_PROBE_STORE_AMQP_MAX_LENGTH_BYTES", "1000000",
                "TELLTALE_PROBE_STORE_KAFKA_TOPIC", "ops.specs"), Map.of()), schema, warnings::add);

        assertEquals(Map.of("amqp.max-age", "12h", "amqp.max-length-bytes", "1000000", "kafka.topic", "ops.specs"),
                config.withPrefix(CoreEngine.STORE_PROPERTIES));
        assertEquals(List.of(), warnings);
    }

    @Test
    void anUndeclaredStoreKey_fromTheEnvironment_stillReachesTheStore_withDotsForUnderscores() {
        Config config = ConfigLoader.load(new Sources(Map.of(), Map.of(),
                Map.of("TELLTALE_PROBE_STORE_ACME_SOME_OPTION", "x"), Map.of()), schema, warnings::add);

        assertEquals(Map.of("acme.some.option", "x"), config.withPrefix(CoreEngine.STORE_PROPERTIES));
    }

    @Test
    void everyDeclaredKey_hasAnEnvironmentVariableOfItsOwn() {
        Map<String, String> byVariable = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (ConfigKey key : schema.keys()) {
            String other = byVariable.put(key.environmentName(), key.name());
            if (other != null) {
                clashes.add(key.environmentName() + ": " + other + " and " + key.name());
            }
        }
        assertEquals(List.of(), clashes);
        assertEquals("telltale.probe.store.amqp.max-age", byVariable.get("TELLTALE_PROBE_STORE_AMQP_MAX_AGE"));
    }
}
