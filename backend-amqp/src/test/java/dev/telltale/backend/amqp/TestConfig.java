package dev.telltale.backend.amqp;

import dev.telltale.core.CoreBackendConfig;
import dev.telltale.spi.BackendConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pipeline's own {@link BackendConfig} over settings given in code, as the core checks them. */
final class TestConfig {

    private TestConfig() {}

    /** The amqp backend's configuration with {@code keyValues} set (pairs of key and value). */
    static BackendConfig of(String... keyValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return of(settings);
    }

    static BackendConfig of(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putIfAbsent("telltale.host", "test-host");
        return CoreBackendConfig.resolve(new AmqpBackend(), all);
    }
}
