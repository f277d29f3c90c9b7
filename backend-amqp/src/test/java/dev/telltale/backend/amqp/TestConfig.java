package dev.telltale.backend.amqp;

import dev.telltale.core.CoreBackendConfig;
import dev.telltale.core.internal.config.ConfigLoader;
import dev.telltale.core.internal.config.Schema;
import dev.telltale.core.internal.config.Sources;
import dev.telltale.core.internal.pipeline.InternalThreads;
import dev.telltale.spi.BackendConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        AmqpBackend backend = new AmqpBackend();
        Schema schema = new Schema(backend.keys(), List.of(), Set.of(backend.name()));
        return new CoreBackendConfig(backend, ConfigLoader.load(Sources.codeOnly(settings), schema, warning -> {
            throw new AssertionError(warning);
        }), new InternalThreads(), "test-host", ProcessHandle.current().pid());
    }
}
