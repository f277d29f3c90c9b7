package dev.telltale.core;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.ConfigLoader;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Sources;
import dev.telltale.core.internal.pipeline.InternalThreads;
import dev.telltale.spi.Backend;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opens the consuming side of a backend, configured the same way as the publishing side: the
 * settings given, then system properties, {@code TELLTALE_*} and {@code telltale.properties}.
 * Used by the monitor and the demo.
 */
public final class BackendSources {

    private static final System.Logger LOG = System.getLogger("dev.telltale");

    private BackendSources() {}

    /**
     * Opens backend {@code name} (or, when null or empty, the one the configuration selects)
     * for {@code subscription}.
     *
     * @throws IllegalArgumentException if a setting is unknown or malformed, or the backend is
     *     not present; the message names it and the backends that are
     * @throws Exception if the backend cannot be reached
     */
    public static Source open(String name, Map<String, String> settings, Subscription subscription) throws Exception {
        return open(name, settings, subscription, message -> LOG.log(Level.WARNING, "telltale: " + message));
    }

    /**
     * As {@link #open(String, Map, Subscription)}, reporting problems with the configuration
     * (unknown keys, malformed values from the environment) to {@code warn} instead of the
     * {@code dev.telltale} logger: for a tool that has reported them already, having built a
     * pipeline from the same configuration.
     */
    public static Source open(String name, Map<String, String> settings, Subscription subscription,
            Consumer<String> warn) throws Exception {
        Backends backends = Backends.discover(BackendSources.class.getClassLoader(), warn);
        Config config = ConfigLoader.load(Sources.read(settings, true, warn), CoreEngine.schema(backends), warn);
        String chosen = name == null || name.isBlank() ? config.string(CoreKeys.BACKEND).strip() : name;
        Backend backend = chosen.isEmpty() ? backends.byDefault() : backends.named(chosen);
        if (backend == null) {
            throw new IllegalArgumentException((chosen.isEmpty() ? "no backend chosen" : "unknown backend '" + chosen + "'")
                    + "; available: " + backends.available());
        }
        CoreBackendConfig backendConfig = new CoreBackendConfig(backend, config, new InternalThreads(),
                HostName.resolve(config.string(CoreKeys.HOST)), ProcessHandle.current().pid());
        return backend.openSource(backendConfig, subscription);
    }

    /** The backends present, for help texts. */
    public static Backends present() {
        return Backends.discover(BackendSources.class.getClassLoader(), message -> { });
    }
}
