package dev.telltale.core.internal.config;

import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved configuration: for every declared key, the winning value and where it came from.
 * Values were checked against their types when the configuration was loaded, so the typed
 * getters do not fail for declared keys. Immutable.
 */
public final class Config {

    /** A value and its origin. */
    public record Value(String text, Origin origin) {}

    private final Map<String, ConfigKey> declared;
    private final Map<String, Value> values;

    Config(Map<String, ConfigKey> declared, Map<String, Value> values) {
        this.declared = Map.copyOf(declared);
        this.values = Map.copyOf(values);
    }

    /** A configuration of defaults only, for tests and embedders. */
    public static Config defaults(Schema schema) {
        return new Config(schema.byName(), Map.of());
    }

    /** The configured value of {@code key}, or its default. */
    public String string(ConfigKey key) {
        return string(key.name());
    }

    /**
     * The configured value of the key named {@code name}, or its default.
     *
     * @throws IllegalArgumentException if the key is not declared
     */
    public String string(String name) {
        Value value = values.get(name);
        if (value != null) {
            return value.text();
        }
        ConfigKey key = declared.get(name);
        if (key == null) {
            throw new IllegalArgumentException("undeclared configuration key: " + name);
        }
        return key.defaultValue();
    }

    public boolean bool(ConfigKey key) {
        return Values.bool(string(key));
    }

    public int integer(ConfigKey key) {
        return Values.integer(string(key));
    }

    public Duration duration(ConfigKey key) {
        return Values.duration(string(key));
    }

    public long size(ConfigKey key) {
        return Values.size(string(key));
    }

    /** Where the value of {@code name} came from. */
    public Origin origin(String name) {
        Value value = values.get(name);
        return value == null ? Origin.DEFAULT : value.origin();
    }

    /** Whether {@code key} is declared. */
    public boolean declares(String name) {
        return declared.containsKey(name);
    }

    /** Explicitly configured keys under {@code prefix}, with the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                out.put(name.substring(prefix.length()), value.text());
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "Config" + values.keySet();
    }
}
