package dev.telltale.core.testing.contract;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend whose sink throws, without calling the real one, on its first {@code failures}
 * publish calls, then passes every call through: a backend that is away for a while, in front of
 * a real one, so that the pipeline's retry is seen end to end. Everything else is the real
 * backend's: its name, keys and options, so the same settings apply.
 */
final class ThrowingBackend implements Backend {

    private final Backend real;
    private final int failures;
    private final AtomicInteger thrown = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    ThrowingBackend(Backend real, int failures) {
        this.real = real;
        this.failures = failures;
    }

    /** How many publish calls threw. */
    int thrown() {
        return thrown.get();
    }

    /** How many publish calls there were. */
    int calls() {
        return calls.get();
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public List<ConfigKey> keys() {
        return real.keys();
    }

    @Override
    public boolean acceptsUnlistedKeys() {
        return real.acceptsUnlistedKeys();
    }

    @Override
    public int preferredBatchSize() {
        return real.preferredBatchSize();
    }

    @Override
    public List<ConfigKey> subscriptionOptions() {
        return real.subscriptionOptions();
    }

    @Override
    public Sink openSink(BackendConfig config) throws Exception {
        Sink sink = real.openSink(config);
        return new Sink() {
            @Override
            public Outcome publish(List<Envelope> batch) throws Exception {
                if (calls.incrementAndGet() <= failures) {
                    thrown.incrementAndGet();
                    throw new IOException("backend away (contract test)");
                }
                return sink.publish(batch);
            }

            @Override
            public boolean readyToRetry() {
                return sink.readyToRetry();
            }

            @Override
            public void close() throws Exception {
                sink.close();
            }
        };
    }

    @Override
    public Source openSource(BackendConfig config, Subscription subscription) throws Exception {
        return real.openSource(config, subscription);
    }
}
