package dev.telltale.tool;

import dev.telltale.core.internal.manage.SpecStores;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Opens a probe-spec store by address, as the probe manager does, for tools such as {@code
 * ./telltale specs}: {@code memory:NAME}, {@code file:PATH}, and whatever {@link
 * dev.telltale.spi.SpecStoreProvider}s are present ({@code kafka:BOOTSTRAP}, {@code amqp:URI} with
 * their backend modules). Thread-safe.
 */
public final class SpecStoreOpener {

    private SpecStoreOpener() {}

    /** The schemes of the providers present. */
    public static Set<String> schemes() {
        return SpecStores.providers().keySet();
    }

    /**
     * Opens the store at {@code address}; the caller closes it.
     *
     * @param properties the store kind's settings without {@code telltale.probe.store.<scheme>.}
     * @throws IllegalArgumentException if no provider serves the address, or it refuses it
     * @throws IOException if the store cannot be opened
     */
    public static SpecStore open(String address, Duration timeout, Map<String, String> properties) throws IOException {
        return SpecStores.open(address, new SpecStoreOptions(timeout, properties));
    }
}
