package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * A {@link BackendConfig} over a map, answering the kafka backend's declared keys with their
 * defaults and recording the internal thread prefixes declared to it. Durations are written
 * {@code <n>ms} or {@code <n>s} here.
 */
final class FakeBackendConfig implements BackendConfig {

    final List<String> internalPrefixes = new ArrayList<>();
    private final Map<String, String> values;

    FakeBackendConfig(Map<String, String> values) {
        this.values = new HashMap<>(values);
    }

    static FakeBackendConfig of(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new FakeBackendConfig(values);
    }

    @Override
    public String string(String key) {
        for (ConfigKey declared : new KafkaBackend().keys()) {
            if (declared.name().equals(key)) {
                return values.getOrDefault(key, declared.defaultValue());
            }
        }
        throw new IllegalArgumentException("undeclared key " + key);
    }

    @Override
    public boolean bool(String key) {
        return Boolean.parseBoolean(string(key));
    }

    @Override
    public int integer(String key) {
        return Integer.parseInt(string(key).strip());
    }

    @Override
    public Duration duration(String key) {
        return parse(string(key));
    }

    private static Duration parse(String text) {
        String value = text.strip();
        return value.endsWith("ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }

    /** {@code telltale.flush.timeout} from the values, else the core's default of 2s. */
    @Override
    public Duration flushTimeout() {
        return parse(values.getOrDefault("telltale.flush.timeout", "2s"));
    }

    @Override
    public long size(String key) {
        return Long.parseLong(string(key).strip());
    }

    @Override
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                found.put(k.substring(prefix.length()), v);
            }
        });
        return found;
    }

    @Override
    public String host() {
        return "test-host";
    }

    @Override
    public long pid() {
        return 4242;
    }

    @Override
    public ThreadFactory threadFactory(String name) {
        return task -> new Thread(task, "telltale-" + name);
    }

    @Override
    public void internalThreads(String prefix) {
        internalPrefixes.add(prefix);
    }
}
