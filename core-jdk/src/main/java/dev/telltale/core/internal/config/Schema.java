package dev.telltale.core.internal.config;

import dev.telltale.spi.ConfigKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys a configuration may contain: the core's, every present backend's, and the prefixes
 * under which a backend passes unlisted keys through to its client library.
 *
 * @param keys every declared key
 * @param openPrefixes prefixes such as {@code telltale.kafka.} whose unlisted keys are accepted
 * @param backendNames the names of the backends present, for error messages
 */
public record Schema(List<ConfigKey> keys, List<String> openPrefixes, Set<String> backendNames) {

    public Schema {
        keys = List.copyOf(keys);
        openPrefixes = List.copyOf(openPrefixes);
        backendNames = Set.copyOf(backendNames);
    }

    /** The declared keys by name. */
    public Map<String, ConfigKey> byName() {
        Map<String, ConfigKey> map = new LinkedHashMap<>();
        for (ConfigKey key : keys) {
            map.put(key.name(), key);
        }
        return map;
    }

    /** Whether {@code name} is declared or falls under an open prefix. */
    public boolean accepts(String name) {
        for (ConfigKey key : keys) {
            if (key.name().equals(name)) {
                return true;
            }
        }
        for (String prefix : openPrefixes) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }
}
