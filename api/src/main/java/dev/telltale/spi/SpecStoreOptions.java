package dev.telltale.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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
}
