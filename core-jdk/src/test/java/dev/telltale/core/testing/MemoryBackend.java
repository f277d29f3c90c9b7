package dev.telltale.core.testing;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backend found by {@link java.util.ServiceLoader} in core's tests (named {@code memory}), for
 * tests that go through {@link dev.telltale.Telltale}'s builder: it hands each pipeline to the
 * {@link RecordingBackend} registered under {@code telltale.memory.channel}.
 */
public final class MemoryBackend implements Backend {

    static final ConfigKey CHANNEL = new ConfigKey("telltale.memory.channel", ConfigKey.Type.STRING, "default",
            "the RecordingBackend to publish to");
    private static final Map<String, RecordingBackend> CHANNELS = new ConcurrentHashMap<>();

    /** Registers {@code backend} under {@code channel} and returns it. */
    public static RecordingBackend register(String channel, RecordingBackend backend) {
        CHANNELS.put(channel, backend);
        return backend;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(CHANNEL);
    }

    @Override
    public List<ConfigKey> subscriptionOptions() {
        return List.of();
    }

    @Override
    public Sink openSink(BackendConfig config) throws Exception {
        RecordingBackend target = CHANNELS.get(config.string(CHANNEL.name()));
        if (target == null) {
            throw new IllegalStateException("no RecordingBackend registered for channel " + config.string(CHANNEL.name()));
        }
        return target.openSink(config);
    }

    @Override
    public Source openSource(BackendConfig config, Subscription subscription) {
        throw new UnsupportedOperationException("the memory backend has no consuming side");
    }
}
