package dev.telltale.core;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.ConfigLoader;
import dev.telltale.core.internal.config.Sources;
import dev.telltale.core.internal.config.Values;
import dev.telltale.core.internal.pipeline.InternalThreads;
import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/** {@link BackendConfig} over a resolved {@link Config}, limited to one backend's keys. */
public final class CoreBackendConfig implements BackendConfig {

    private final Backend backend;
    private final Config config;
    private final InternalThreads internal;
    private final String host;
    private final long pid;

    /**
     * The configuration {@code backend} gets from a pipeline built with {@code settings} in code,
     * nothing read from the environment: the real checks and defaults, for a backend's tests and
     * for embedders.
     *
     * @throws IllegalArgumentException if a setting is unknown or malformed; the message names it
     */
    public static CoreBackendConfig resolve(Backend backend, Map<String, String> settings) {
        java.util.function.Consumer<String> fail = problem -> {
            throw new IllegalArgumentException(problem);
        };
        Backends one = Backends.of(java.util.List.of(backend), fail);
        Config config = ConfigLoader.load(Sources.codeOnly(settings), CoreEngine.schema(one), fail);
        return new CoreBackendConfig(backend, config, new InternalThreads(),
                HostName.resolve(config.string(dev.telltale.core.internal.config.CoreKeys.HOST)), ProcessHandle.current().pid());
    }

    public CoreBackendConfig(Backend backend, Config config, InternalThreads internal, String host, long pid) {
        this.backend = backend;
        this.config = config;
        this.internal = internal;
        this.host = host;
        this.pid = pid;
    }

    @Override
    public String string(String key) {
        for (ConfigKey declared : backend.keys()) {
            if (declared.name().equals(key)) {
                return config.string(key);
            }
        }
        throw new IllegalArgumentException("backend '" + backend.name() + "' did not declare configuration key " + key);
    }

    @Override
    public boolean bool(String key) {
        return Values.bool(string(key));
    }

    @Override
    public int integer(String key) {
        return Values.integer(string(key));
    }

    @Override
    public Duration duration(String key) {
        return Values.duration(string(key));
    }

    @Override
    public long size(String key) {
        return Values.size(string(key));
    }

    @Override
    public Duration flushTimeout() {
        return Values.duration(config.string(dev.telltale.core.internal.config.CoreKeys.FLUSH_TIMEOUT));
    }

    @Override
    public Map<String, String> withPrefix(String prefix) {
        return config.withPrefix(prefix);
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ThreadFactory threadFactory(String name) {
        return InternalThreads.factory(name);
    }

    @Override
    public void internalThreads(String prefix) {
        internal.addPrefix(prefix);
    }
}
