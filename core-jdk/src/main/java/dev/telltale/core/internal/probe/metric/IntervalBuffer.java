package dev.telltale.core.internal.probe.metric;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One interval's recording state of a {@link LogHistogram}: a count per bucket, the sum as a
 * 128-bit integer (so it cannot overflow), the minimum, the maximum, and the number of writers
 * inside it right now.
 *
 * <p>Writers {@link #enter} and {@link #exit} around {@link #add}; every update is one atomic
 * instruction, or a compare-and-set that retries only when another writer moved the minimum or
 * maximum further. {@link #awaitQuiescent}, {@link #snapshot} and {@link #reset} are for the one
 * reporter, once no writer can still be inside (see {@link LogHistogram}).
 */
final class IntervalBuffer {

    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle WRITERS;
    private static final VarHandle SUM_LOW;
    private static final VarHandle SUM_HIGH;
    private static final VarHandle MIN;
    private static final VarHandle MAX;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WRITERS = lookup.findVarHandle(IntervalBuffer.class, "writers", long.class);
            SUM_LOW = lookup.findVarHandle(IntervalBuffer.class, "sumLow", long.class);
            SUM_HIGH = lookup.findVarHandle(IntervalBuffer.class, "sumHigh", long.class);
            MIN = lookup.findVarHandle(IntervalBuffer.class, "min", long.class);
            MAX = lookup.findVarHandle(IntervalBuffer.class, "max", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] counts = new long[BucketLayout.BUCKETS];
    private volatile long writers;
    private long sumLow;
    private long sumHigh;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void enter() {
        WRITERS.getAndAdd(this, 1L);
    }

    void exit() {
        WRITERS.getAndAdd(this, -1L);
    }

    /** Counts {@code value}, whose bucket is {@code index}. Call between enter and exit. */
    void add(int index, long value) {
        COUNTS.getAndAdd(counts, index, 1L);
        long low = (long) SUM_LOW.getAndAdd(this, value);
        // 128-bit add of the sign-extended value: the carry out of the low word, and -1 for a
        // negative value's high word. Zero (no second atomic) unless the low word wraps.
        long high = (Long.compareUnsigned(low + value, low) < 0 ? 1 : 0) + (value >> 63);
        if (high != 0) {
            SUM_HIGH.getAndAdd(this, high);
        }
        long m = (long) MIN.getOpaque(this);
        while (value < m) {
            long seen = (long) MIN.compareAndExchange(this, m, value);
            if (seen == m) {
                break;
            }
            m = seen;
        }
        m = (long) MAX.getOpaque(this);
        while (value > m) {
            long seen = (long) MAX.compareAndExchange(this, m, value);
            if (seen == m) {
                break;
            }
            m = seen;
        }
    }

    /**
     * Returns once no writer is inside. Writers that entered after the buffer stopped being the
     * active one leave without writing, so this waits only for records already under way: it
     * spins, then yields, then parks for 10 µs at a time (a writer may have been descheduled).
     */
    void awaitQuiescent() {
        for (int i = 0; writers != 0; i++) {
            if (i < 100) {
                Thread.onSpinWait();
            } else if (i < 1_000) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(10_000L);
            }
        }
    }

    /** What was recorded, as an immutable snapshot; call once quiescent. */
    HistogramSnapshot snapshot() {
        if (min == Long.MAX_VALUE && max == Long.MIN_VALUE) {
            return HistogramSnapshot.EMPTY; // one record sets both, so nothing was recorded
        }
        int from = BucketLayout.indexOf(min);
        int to = BucketLayout.indexOf(max);
        int used = 0;
        for (int i = from; i <= to; i++) {
            if (counts[i] != 0) {
                used++;
            }
        }
        int[] indexes = new int[used];
        long[] bucketCounts = new long[used];
        long count = 0;
        for (int i = from, j = 0; i <= to; i++) {
            if (counts[i] != 0) {
                indexes[j] = i;
                bucketCounts[j++] = counts[i];
                count += counts[i];
            }
        }
        return new HistogramSnapshot(count, sumHigh, sumLow, min, max, indexes, bucketCounts);
    }

    /**
     * Empties the buffer for a later interval; call once quiescent. Plain writes: writers see them
     * because they find this buffer through a volatile read that follows them.
     */
    void reset() {
        if (min != Long.MAX_VALUE || max != Long.MIN_VALUE) {
            int to = BucketLayout.indexOf(max);
            for (int i = BucketLayout.indexOf(min); i <= to; i++) {
                counts[i] = 0;
            }
        }
        sumLow = 0;
        sumHigh = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
    }
}
