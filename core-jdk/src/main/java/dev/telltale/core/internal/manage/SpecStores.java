package dev.telltale.core.internal.manage;

import dev.telltale.core.internal.config.Values;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Redaction;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Consumer;

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
     * The keys every provider present declares ({@link SpecStoreProvider#keys()}), for the
     * configuration's schema. A provider's keys that are not all under {@code
     * telltale.probe.store.<scheme>.}, or malformed, are left out and reported to {@code warn};
     * its settings are then passed to it as given, unchecked.
     */
    public static List<ConfigKey> keys(Consumer<String> warn) {
        return keys(providers().values(), warn);
    }

    /** {@link #keys(Consumer)} of {@code providers}. */
    static List<ConfigKey> keys(Iterable<SpecStoreProvider> providers, Consumer<String> warn) {
        List<ConfigKey> all = new ArrayList<>();
        for (SpecStoreProvider provider : providers) {
            try {
                String prefix = "telltale.probe.store." + provider.scheme() + ".";
                List<ConfigKey> keys = List.copyOf(provider.keys());
                for (ConfigKey key : keys) {
                    if (!key.name().startsWith(prefix)) {
                        throw new IllegalStateException("its key " + key.name() + " is not under " + prefix);
                    }
                    Values.checkDeclaration(key);
                }
                all.addAll(keys);
            } catch (RuntimeException e) {
                warn.accept("the keys of spec store provider " + provider.getClass().getName() + " are ignored: "
                        + e.getMessage());
            }
        }
        return all;
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
