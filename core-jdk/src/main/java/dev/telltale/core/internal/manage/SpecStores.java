package dev.telltale.core.internal.manage;

import dev.telltale.spi.Redaction;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds {@link SpecStoreProvider}s ({@link ServiceLoader}, the core's {@code memory} and {@code
 * file} among them) and opens stores by address. Thread-safe.
 */
public final class SpecStores {

    private SpecStores() {}

    /** Every provider present, by scheme. */
    public static Map<String, SpecStoreProvider> providers() {
        Map<String, SpecStoreProvider> found = new TreeMap<>();
        for (SpecStoreProvider p : ServiceLoader.load(SpecStoreProvider.class, SpecStores.class.getClassLoader())) {
            found.putIfAbsent(p.scheme(), p);
        }
        found.putIfAbsent(MemorySpecStore.SCHEME, new MemorySpecStore.Provider());
        found.putIfAbsent(FileSpecStore.SCHEME, new FileSpecStore.Provider());
        return found;
    }

    /**
     * Opens the store at {@code address} ({@code scheme:rest}).
     *
     * @throws IllegalArgumentException if the address has no scheme, no provider serves it, or
     *     the provider refuses it; the message lists the schemes present
     * @throws IOException if the store cannot be opened
     */
    public static SpecStore open(String address, SpecStoreOptions options) throws IOException {
        int colon = address.indexOf(':');
        Map<String, SpecStoreProvider> providers = providers();
        if (colon <= 0) {
            throw new IllegalArgumentException("spec store '" + Redaction.uriPasswords(address) + "' has no scheme: write it as "
                    + String.join(":…, ", providers.keySet()) + ":…, for example file:telltale-out/specs.json");
        }
        String scheme = address.substring(0, colon);
        SpecStoreProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new IllegalArgumentException("no spec store for scheme '" + scheme + "' in '" + Redaction.uriPasswords(address)
                    + "'; present: " + providers.keySet() + " (kafka and amqp need their backend module on the class path)");
        }
        return provider.open(address.substring(colon + 1), options);
    }

    /** The {@code telltale.probe.store.<scheme>.*} settings for {@code address}'s scheme, prefix removed. */
    public static Map<String, String> propertiesOf(String address, Map<String, String> storeProperties) {
        int colon = address.indexOf(':');
        String prefix = (colon < 0 ? address : address.substring(0, colon)) + ".";
        Map<String, String> m = new LinkedHashMap<>();
        storeProperties.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }
}
