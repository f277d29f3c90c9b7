package dev.telltale.junit.internal;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.util.List;

/**
 * The {@code memory} backend: events are decoded back into {@link dev.telltale.Event}s and kept
 * in a bounded {@link MemoryStore}, for tests to assert on (through {@code
 * dev.telltale.junit.TelltaleRecorder}). It has no consuming side: {@link #openSource} throws.
 *
 * <p><b>Selection.</b> Found through {@link java.util.ServiceLoader} like every backend, but
 * meant to be chosen by name ({@code telltale.backend=memory}), as {@code TelltaleExtension} does.
 * While the {@code file} backend is present it is never the default; on a class path where it is
 * the only backend, an unconfigured pipeline picks it, and its events then fill the store named
 * {@code default}, bounded like any other.
 *
 * <p><b>Keys.</b> {@code telltale.memory.store} names the store a sink fills; {@code
 * telltale.memory.capacity} bounds it (drop-oldest). Several sinks may fill one store; the last
 * one opened sets its capacity.
 *
 * <p>Holds no state and is thread-safe; see {@link MemorySink} for the sink's contract.
 */
public final class MemoryBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "memory";

    /** The store a sink fills. */
    public static final ConfigKey STORE = new ConfigKey("telltale.memory.store", ConfigKey.Type.STRING, "default",
            "The in-memory store the sink fills; TelltaleExtension gives each test a store of its own.");

    /** The bound on stored events. */
    public static final ConfigKey CAPACITY = new ConfigKey("telltale.memory.capacity", ConfigKey.Type.INTEGER,
            Integer.toString(MemoryStore.DEFAULT_CAPACITY),
            "Most events kept in memory; when full, the oldest is dropped and counted.")
            .between("1", "1073741824");

    private static final List<ConfigKey> KEYS = List.of(STORE, CAPACITY);

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public MemoryBackend() {
    }

    /** Returns {@code memory}. */
    @Override
    public String name() {
        return NAME;
    }

    /** {@code telltale.memory.store} and {@code telltale.memory.capacity}. */
    @Override
    public List<ConfigKey> keys() {
        return KEYS;
    }

    /** None: there is no consuming side. */
    @Override
    public List<ConfigKey> subscriptionOptions() {
        return List.of();
    }

    /**
     * A sink filling the store named by {@code telltale.memory.store} (made if missing), which
     * from now on keeps at most {@code telltale.memory.capacity} events. Never throws for a
     * configuration the core accepted.
     */
    @Override
    public Sink openSink(BackendConfig config) {
        MemoryStore store = MemoryStore.named(config.string(STORE.name()));
        store.capacity(config.integer(CAPACITY.name()));
        return new MemorySink(store);
    }

    /**
     * Always throws: the events are read in the test, through {@code TelltaleRecorder.events()},
     * not by the monitor.
     *
     * @throws UnsupportedOperationException always, saying so
     */
    @Override
    public Source openSource(BackendConfig config, Subscription subscription) {
        throw new UnsupportedOperationException("the memory backend keeps events for tests, which read them with"
                + " dev.telltale.junit.TelltaleRecorder.events(); it has no consuming side for the monitor");
    }
}
