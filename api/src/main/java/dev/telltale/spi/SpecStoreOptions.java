package dev.telltale.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link SpecStoreProvider} opens a store with.
 *
 * @param timeout the longest any one call of the store may block; positive
 * @param properties every configured {@code telltale.probe.store.<scheme>.*} key of the
 *     provider's scheme, with that prefix removed ({@code topic}, or client properties such as
 *     {@code security.protocol} to pass through); the provider checks them and fails its {@code
 *     open} with {@link IllegalArgumentException} naming a key it cannot use
 */
public record SpecStoreOptions(Duration timeout, Map<String, String> properties) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public SpecStoreOptions {
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout " + timeout + " is not positive");
        }
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties == null"));
    }

    /** Options with {@code timeout} and no properties. */
    public static SpecStoreOptions of(Duration timeout) {
        return new SpecStoreOptions(timeout, Map.of());
    }

    /**
     * Checks that every key of {@link #properties()} is one that the provider of {@code scheme}
     * declares in {@code known} (its {@link SpecStoreProvider#keys()}); a provider with a fixed set
     * of keys calls it first in {@code open}. Declared keys not under {@code
     * telltale.probe.store.<scheme>.} are not counted.
     *
     * @param scheme the provider's scheme, to name the keys in full
     * @throws IllegalArgumentException naming an unknown key as {@code
     *     telltale.probe.store.<scheme>.<key>}, with the known keys in order
     * @throws NullPointerException if an argument is null
     */
    public void requireKnownKeys(String scheme, List<ConfigKey> known) {
        Objects.requireNonNull(scheme, "scheme == null");
        Objects.requireNonNull(known, "known == null");
        String prefix = "telltale.probe.store." + scheme + ".";
        Set<String> names = new TreeSet<>();
        for (ConfigKey key : known) {
            if (key.name().startsWith(prefix)) {
                names.add(key.name().substring(prefix.length()));
            }
        }
        for (String key : properties.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("unknown key " + prefix + key + "; known: " + names);
            }
        }
    }
}
