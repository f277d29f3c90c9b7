package dev.telltale.core;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.ConfigLoader;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Sources;
import dev.telltale.core.internal.config.SubscriptionOptions;
import dev.telltale.core.internal.config.Values;
import dev.telltale.core.internal.pipeline.InternalThreads;
import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * The {@link BackendConfig} a backend's {@code openSource} gets: the configuration it would get
 * for publishing, plus the subscription's options, resolved by the core (see {@link
 * SubscriptionOptions}), so that the typed getters answer the backend's {@linkplain
 * Backend#subscriptionOptions() options} too: the value given or the declared default. Immutable.
 */
public final class SourceConfig implements BackendConfig {

    private final Backend backend;
    private final BackendConfig base;
    private final SubscriptionOptions options;
    private final Set<String> optionNames;
    private final Subscription subscription;

    private SourceConfig(Backend backend, BackendConfig base, SubscriptionOptions options, Set<String> optionNames,
            Subscription subscription) {
        this.backend = backend;
        this.base = base;
        this.options = options;
        this.optionNames = optionNames;
        this.subscription = subscription;
    }

    /**
     * Resolves {@code subscription}'s options against {@code backend}'s, over {@code base}.
     *
     * @throws IllegalArgumentException naming every unknown, repeated or malformed option
     */
    public static SourceConfig resolve(Backend backend, BackendConfig base, Subscription subscription) {
        Objects.requireNonNull(base, "base == null");
        List<ConfigKey> declared = backend.subscriptionOptions();
        SubscriptionOptions options = SubscriptionOptions.resolve(backend.name(), declared, subscription.options());
        Set<String> names = new java.util.HashSet<>();
        for (ConfigKey key : declared) {
            names.add(key.name());
        }
        return new SourceConfig(backend, base, options, Set.copyOf(names),
                new Subscription(subscription.patterns(), options.given()));
    }

    /**
     * The configuration for consuming from backend {@code name} (or, when null or empty, the one
     * the configuration selects): {@code settings} over system properties, {@code TELLTALE_*} and
     * {@code telltale.properties} (whose problems go to {@code warn}), and the subscription's
     * options.
     *
     * @throws IllegalArgumentException if a setting or option is unknown or malformed, or the
     *     backend is not present; the message names it and the backends that are
     */
    public static SourceConfig forBackend(String name, Map<String, String> settings, Subscription subscription,
            Consumer<String> warn) {
        Backends backends = Backends.discover(SourceConfig.class.getClassLoader(), warn);
        Config config = ConfigLoader.load(Sources.read(settings, true, warn), CoreEngine.schema(backends), warn);
        String chosen = name == null || name.isBlank() ? config.string(CoreKeys.BACKEND).strip() : name;
        Backend backend = chosen.isEmpty() ? backends.byDefault() : backends.named(chosen);
        if (backend == null) {
            throw new IllegalArgumentException((chosen.isEmpty() ? "no backend chosen" : "unknown backend '" + chosen + "'")
                    + "; available: " + backends.available());
        }
        CoreBackendConfig base = new CoreBackendConfig(backend, config, new InternalThreads(),
                HostName.resolve(config.string(CoreKeys.HOST)), ProcessHandle.current().pid());
        return resolve(backend, base, subscription);
    }

    /** The backend this configuration is for. */
    public Backend backend() {
        return backend;
    }

    /**
     * The subscription to hand the backend: its patterns, and the options given, by full name, with
     * their checked values.
     */
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public String string(String key) {
        return optionNames.contains(key) ? options.config().string(key) : base.string(key);
    }

    @Override
    public boolean bool(String key) {
        return optionNames.contains(key) ? Values.bool(string(key)) : base.bool(key);
    }

    @Override
    public int integer(String key) {
        return optionNames.contains(key) ? Values.integer(string(key)) : base.integer(key);
    }

    @Override
    public Duration duration(String key) {
        return optionNames.contains(key) ? Values.duration(string(key)) : base.duration(key);
    }

    @Override
    public long size(String key) {
        return optionNames.contains(key) ? Values.size(string(key)) : base.size(key);
    }

    /** The base configuration's: subscription options are never among them. */
    @Override
    public Map<String, String> withPrefix(String prefix) {
        return base.withPrefix(prefix);
    }

    @Override
    public Duration flushTimeout() {
        return base.flushTimeout();
    }

    @Override
    public String host() {
        return base.host();
    }

    @Override
    public long pid() {
        return base.pid();
    }

    @Override
    public ThreadFactory threadFactory(String name) {
        return base.threadFactory(name);
    }

    @Override
    public void internalThreads(String prefix) {
        base.internalThreads(prefix);
    }

    @Override
    public String toString() {
        return "SourceConfig" + subscription.options();
    }
}
