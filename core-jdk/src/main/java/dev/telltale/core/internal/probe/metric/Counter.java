package dev.telltale.core.internal.probe.metric;

import java.util.concurrent.atomic.LongAdder;

/**
 * A count that many threads add to, read one interval at a time: what a probe's {@code counter}
 * records into. A {@link LongAdder} and the total at the previous read.
 *
 * <p>{@link #increment} and {@link #add} take no lock and never wait; they allocate nothing once
 * the adder has grown its cells (it does so the first times threads collide, up to one cell per
 * core). {@link #intervalCount} returns the total minus the total it returned last time, so every
 * add is counted in exactly one interval: the first whose read of the adder sees it. Adds that
 * overlap the read land in this interval or the next; the interval counts add up to the total
 * exactly (modulo 2^64, should the total ever wrap). Meant for one reporter thread; concurrent
 * reads are serialized on this object's monitor, which the adding methods never take.
 */
public final class Counter {

    private final LongAdder adder = new LongAdder();
    private long reported; // guarded by this

    /** Adds one. */
    public void increment() {
        adder.increment();
    }

    /** Adds {@code n}, which may be negative. */
    public void add(long n) {
        adder.add(n);
    }

    /** Everything added since construction; a moving figure while threads add. */
    public long total() {
        return adder.sum();
    }

    /** What was added since the previous call (since construction for the first). */
    public synchronized long intervalCount() {
        long total = adder.sum();
        long interval = total - reported;
        reported = total;
        return interval;
    }
}
