package dev.telltale.trace;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@code rate} traces a second: a generic cell rate algorithm on one {@link AtomicLong}
 * (the time at which the bucket is empty again), with a burst of one second's worth.
 */
final class RateLimitedSampler implements Sampler {

    private static final long SECOND = 1_000_000_000L;

    private final int rate;
    private final long interval;
    private final LongSupplier nanoClock;
    /** When, on {@link #nanoClock}, every permit granted so far has been paid back. */
    private final AtomicLong emptyAt;

    RateLimitedSampler(int rate, LongSupplier nanoClock) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate " + rate + " traces per second is less than 1");
        }
        this.rate = rate;
        this.interval = Math.max(1, SECOND / rate);
        this.nanoClock = nanoClock;
        this.emptyAt = new AtomicLong(nanoClock.getAsLong());
    }

    @Override
    public boolean sample(long traceIdHigh, long traceIdLow, SpanContext remoteParent) {
        long now = nanoClock.getAsLong();
        for (int attempt = 0; attempt < 8; attempt++) {
            long empty = emptyAt.get();
            long start = empty - now < 0 ? now : empty; // a quiet spell refills the bucket
            long next = start + interval;
            if (next - now > SECOND) {
                return false; // a second's worth granted and not paid back yet
            }
            if (emptyAt.compareAndSet(empty, next)) {
                return true;
            }
        }
        return false; // heavy contention: say no rather than spin
    }

    @Override
    public String toString() {
        return "rate:" + rate;
    }
}
