package dev.telltale.tool;

import dev.telltale.core.Backends;
import dev.telltale.core.SourceConfig;
import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens the consuming side of a backend, configured the same way as the publishing side: the
 * settings given, then system properties, {@code TELLTALE_*} and {@code telltale.properties}.
 * The subscription's options are resolved here, once, for every backend: each named in full
 * ({@code telltale.file.follow}) or by its short name ({@code follow}), its value checked against
 * the option's type; the backend gets them typed through its {@link BackendConfig}. Used by the
 * monitor and the demo, and by backends' tests.
 *
 * <p>Thread-safe and stateless. Opening may block as long as the backend's {@code openSource}
 * does (a broker connection); problems with settings or options throw before the backend is
 * called.
 */
public final class BackendSources {

    private static final System.Logger LOG = System.getLogger("dev.telltale");

    private BackendSources() {}

    /**
     * Opens backend {@code name} (or, when null or empty, the one the configuration selects)
     * for {@code subscription}. Problems with settings from the environment are logged at
     * WARNING and the default is used, as for a pipeline.
     *
     * @throws IllegalArgumentException if a setting given or an option is unknown or malformed,
     *     or the backend is not present; the message names it and the backends that are
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
        Objects.requireNonNull(settings, "settings == null");
        Objects.requireNonNull(subscription, "subscription == null");
        Objects.requireNonNull(warn, "warn == null");
        SourceConfig config = SourceConfig.forBackend(name, settings, subscription, warn);
        return config.backend().openSource(config, config.subscription());
    }

    /**
     * Opens {@code backend}'s consuming side over {@code config} (for example one made by the
     * core for settings given in code), after resolving {@code subscription}'s options: what a
     * backend's tests call instead of {@link Backend#openSource} so that the options are checked
     * and typed as in production.
     *
     * @throws IllegalArgumentException if an option is unknown, given twice or malformed (the
     *     message names each one), or the backend refuses its configuration
     * @throws Exception if the backend cannot be reached
     */
    public static Source open(Backend backend, BackendConfig config, Subscription subscription) throws Exception {
        Objects.requireNonNull(backend, "backend == null");
        Objects.requireNonNull(subscription, "subscription == null");
        SourceConfig sourceConfig = SourceConfig.resolve(backend, config, subscription);
        return backend.openSource(sourceConfig, sourceConfig.subscription());
    }

    /**
     * The backends present (found with {@link java.util.ServiceLoader}), for help texts; one that
     * fails to load is left out.
     */
    public static List<Backend> present() {
        return Backends.discover(BackendSources.class.getClassLoader(), message -> { }).all();
    }
}
