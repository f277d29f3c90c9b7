package dev.telltale.benchmarks;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A backend whose sink never comes back from its first batch until it is closed: a broker that
 * hangs. For measuring what the application's threads pay while the backend is stalled (the
 * queue is full and every event evicts the oldest).
 */
public final class StalledBackend implements Backend {

    @Override
    public String name() {
        return "stalled";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of();
    }

    @Override
    public List<ConfigKey> subscriptionOptions() {
        return List.of();
    }

    @Override
    public Sink openSink(BackendConfig config) {
        CountDownLatch closed = new CountDownLatch(1);
        return new Sink() {
            @Override
            public Outcome publish(List<Envelope> batch) throws InterruptedException {
                closed.await();
                throw new IllegalStateException("closed while stalled");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
    }

    @Override
    public Source openSource(BackendConfig config, Subscription subscription) {
        throw new UnsupportedOperationException("a stalled backend has nothing to read");
    }
}
