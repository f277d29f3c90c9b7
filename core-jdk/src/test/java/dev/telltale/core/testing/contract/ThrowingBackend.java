package dev.telltale.core.testing.contract;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.PartialPublishException;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend whose sink fails its first {@code failures} publish calls, then passes every
 * call through: a backend that is away for a while, in front of a real one, so that the
 * pipeline's retry is seen end to end. A failing call either throws without calling the real
 * sink, or ({@link #settlingHalf}) has the real sink publish the first half of the batch and then
 * throws {@link PartialPublishException} settling that half. Everything else is the real
 * backend's: its name, keys and options, so the same settings apply.
 */
final class ThrowingBackend implements Backend {

    private final Backend real;
    private final int failures;
    private final boolean settleHalf;
    private final AtomicInteger thrown = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    /** Fails the first {@code failures} calls as a whole. */
    ThrowingBackend(Backend real, int failures) {
        this(real, failures, false);
    }

    private ThrowingBackend(Backend real, int failures, boolean settleHalf) {
        this.real = real;
        this.failures = failures;
        this.settleHalf = settleHalf;
    }

    /** Fails the first {@code failures} calls after the real sink published the first half of the batch. */
    static ThrowingBackend settlingHalf(Backend real, int failures) {
        return new ThrowingBackend(real, failures, true);
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
                if (calls.incrementAndGet() > failures) {
                    return sink.publish(batch);
                }
                thrown.incrementAndGet();
                IOException away = new IOException("backend away (contract test)");
                int half = batch.size() / 2;
                if (!settleHalf || half == 0) {
                    throw away;
                }
                Outcome outcome = sink.publish(batch.subList(0, half));
                BitSet settled = new BitSet();
                settled.set(0, half);
                throw new PartialPublishException("half published, then the backend went away (contract test)", away,
                        settled, outcome);
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
