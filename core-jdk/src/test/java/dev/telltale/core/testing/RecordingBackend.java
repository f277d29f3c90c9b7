package dev.telltale.core.testing;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A backend that records what it is given and can be told to fail, throw, refuse or block. An
 * honest fake: the pipeline's behaviour towards a backend is what is under test, not a broker's.
 */
public final class RecordingBackend implements Backend {

    /** What the next {@code publish} calls do. */
    public enum Mode { ACCEPT, FAIL, THROW_RUNTIME, THROW_ERROR, THROW_LINKAGE, BLOCK }

    private final String name;
    private final List<Envelope> received = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final AtomicInteger publishCalls = new AtomicInteger();
    private final AtomicInteger openCalls = new AtomicInteger();
    private final AtomicInteger closeCalls = new AtomicInteger();
    private final Semaphore blocked = new Semaphore(0);
    private volatile Mode mode = Mode.ACCEPT;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int failOpens;
    private volatile int refuseTooLarge;
    private volatile Consumer<List<Envelope>> onPublish = batch -> { };
    private volatile BackendConfig lastConfig;
    private volatile int preferredBatchSize;

    public RecordingBackend() {
        this("recording");
    }

    public RecordingBackend(String name) {
        this.name = name;
    }

    public RecordingBackend mode(Mode mode) {
        if (mode == Mode.BLOCK) {
            gate = new CountDownLatch(1);
        }
        this.mode = mode;
        if (mode != Mode.BLOCK) {
            gate.countDown();
        }
        return this;
    }

    /** Makes {@link #preferredBatchSize()} answer {@code n}. */
    public RecordingBackend preferBatchSize(int n) {
        this.preferredBatchSize = n;
        return this;
    }

    @Override
    public int preferredBatchSize() {
        return preferredBatchSize;
    }

    /** The next {@code n} calls to openSink fail. */
    public RecordingBackend failOpens(int n) {
        this.failOpens = n;
        return this;
    }

    /** Each accepted batch reports its first {@code n} envelopes as too large (and drops them). */
    public RecordingBackend refuseTooLarge(int n) {
        this.refuseTooLarge = n;
        return this;
    }

    /** Runs {@code hook} on the publisher thread with each batch, before recording it. */
    public RecordingBackend onPublish(Consumer<List<Envelope>> hook) {
        this.onPublish = hook;
        return this;
    }

    /** Waits until a publish call is blocked in {@link Mode#BLOCK}. */
    public boolean awaitBlocked(Duration timeout) throws InterruptedException {
        return blocked.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized List<Envelope> received() {
        return List.copyOf(received);
    }

    public synchronized List<String> receivedText() {
        List<String> out = new ArrayList<>();
        for (Envelope e : received) {
            out.add(new String(e.payload(), StandardCharsets.UTF_8));
        }
        return out;
    }

    public synchronized int receivedCount() {
        return received.size();
    }

    public synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** The config given to the last openSink call. */
    public BackendConfig lastConfig() {
        return lastConfig;
    }

    public int publishCalls() {
        return publishCalls.get();
    }

    public int openCalls() {
        return openCalls.get();
    }

    public int closeCalls() {
        return closeCalls.get();
    }

    @Override
    public String name() {
        return name;
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
    public Sink openSink(BackendConfig config) throws Exception {
        lastConfig = config;
        openCalls.incrementAndGet();
        if (failOpens > 0) {
            failOpens--;
            throw new java.io.IOException("cannot open (test)");
        }
        return new Sink() {
            @Override
            public Outcome publish(List<Envelope> batch) throws Exception {
                publishCalls.incrementAndGet();
                switch (mode) {
                    case FAIL -> throw new java.io.IOException("backend down (test)");
                    case THROW_RUNTIME -> throw new IllegalStateException("bug in backend (test)");
                    case THROW_ERROR -> throw new StackOverflowError("error in backend (test)");
                    case THROW_LINKAGE -> throw new NoClassDefFoundError("com/example/Client (test)");
                    case BLOCK -> {
                        blocked.release();
                        gate.await();
                    }
                    case ACCEPT -> { }
                }
                onPublish.accept(batch);
                int refuse = Math.min(refuseTooLarge, batch.size());
                synchronized (RecordingBackend.this) {
                    batchSizes.add(batch.size());
                    received.addAll(batch.subList(refuse, batch.size()));
                    RecordingBackend.this.notifyAll();
                }
                return refuse == 0 ? Outcome.ALL_PUBLISHED : new Outcome(refuse, 0, "too large (test)");
            }

            @Override
            public void close() {
                closeCalls.incrementAndGet();
            }
        };
    }

    @Override
    public Source openSource(BackendConfig config, Subscription subscription) {
        throw new UnsupportedOperationException("the recording backend has no consuming side");
    }

    /** Waits until at least {@code n} envelopes were received. */
    public synchronized boolean awaitReceived(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
