package dev.telltale.tool;

import dev.telltale.core.Backends;
import dev.telltale.core.CoreEngine;
import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.ConfigLoader;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Sources;
import dev.telltale.core.internal.manage.SpecStores;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

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
     * What the probe manager would use, read as it reads them: system properties, then {@code
     * TELLTALE_*} environment variables, then {@code telltale.properties}. Reads them at each call.
     *
     * @param warn where problems with the configuration go, one line each; they never fail the call
     */
    public static Configured configured(Consumer<String> warn) {
        Objects.requireNonNull(warn, "warn == null");
        Backends backends = Backends.discover(SpecStoreOpener.class.getClassLoader(), warn);
        Config config = ConfigLoader.load(Sources.read(Map.of(), true, warn), CoreEngine.schema(backends), warn);
        return new Configured(config.string(CoreKeys.PROBE_MANAGER_STORE).strip(),
                config.duration(CoreKeys.PROBE_MANAGER_TIMEOUT), config.withPrefix(CoreEngine.STORE_PROPERTIES));
    }

    /**
     * The probe manager's configuration, as {@link #configured} read it.
     *
     * @param store {@code telltale.probe.manager.store}; empty when none is configured
     * @param timeout {@code telltale.probe.manager.timeout}, the longest wait for the store per call
     * @param storeProperties every {@code telltale.probe.store.*} setting, that prefix removed
     *     ({@code kafka.topic})
     */
    public record Configured(String store, Duration timeout, Map<String, String> storeProperties) {

        public Configured {
            Objects.requireNonNull(store, "store == null");
            Objects.requireNonNull(timeout, "timeout == null");
            storeProperties = Map.copyOf(storeProperties);
        }

        /**
         * The settings of {@code address}'s store kind, the {@code telltale.probe.store.<scheme>.}
         * prefix removed, with {@code given} over them; a new map.
         */
        public Map<String, String> settings(String address, Map<String, String> given) {
            Objects.requireNonNull(address, "address == null");
            Objects.requireNonNull(given, "given == null");
            Map<String, String> settings = new LinkedHashMap<>(SpecStores.propertiesOf(address, storeProperties));
            settings.putAll(given);
            return settings;
        }
    }

    /**
     * Opens the store at {@code address}; the caller closes it.
     *
     * @param properties the store kind's settings without {@code telltale.probe.store.<scheme>.}
     *     (only these: see {@link #configured} for those configured in the environment)
     * @throws IllegalArgumentException if no provider serves the address, or it refuses it
     * @throws IOException if the store cannot be opened
     */
    public static SpecStore open(String address, Duration timeout, Map<String, String> properties) throws IOException {
        return SpecStores.open(address, new SpecStoreOptions(timeout, properties));
    }
}
