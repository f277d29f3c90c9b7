package dev.telltale.core.internal.probe.metric;

/**
 * The distribution of {@code long} values recorded by many threads, read one interval at a time:
 * what a probe's {@code timer} (nanoseconds) and {@code histogram} (whole numbers) record into.
 *
 * <p><b>Accuracy and memory.</b> Values from {@link Long#MIN_VALUE} to {@link Long#MAX_VALUE} are
 * counted in {@value BucketLayout#BUCKETS} log-linear buckets: 0 to 255 one each, and above that
 * 128 equal buckets per power of two. A percentile is within 1/128 (0.78%) of the true value,
 * never below it ({@link HistogramSnapshot} says exactly how it is read); count, sum, min, max
 * and mean are exact. Negative values count in the bucket of 0 but keep their true value in min,
 * sum and mean. The memory is fixed at construction and never grows: two buffers of {@value
 * BucketLayout#BUCKETS} longs, 2 × 58,368 = 116,736 bytes of counts plus under 200 bytes of
 * objects: about 114 KiB per histogram.
 *
 * <p><b>Recording.</b> {@link #record} may be called by any number of threads at once. It takes
 * no lock, never waits and allocates nothing: it announces itself in the active buffer (one
 * atomic add), checks the buffer is still the active one, adds to the value's bucket and to the
 * sum (one atomic add each, two when the sum's low word wraps), moves the minimum or maximum when
 * the value is beyond them (a compare-and-set, retried only when another writer moved it), and
 * leaves (one atomic add). If a snapshot swapped the buffers between the announcement and the
 * check, it leaves that buffer untouched and records in the new one instead, so a record retries
 * at most once per snapshot taken while it runs.
 *
 * <p><b>Intervals.</b> {@link #intervalSnapshot} makes the other buffer active, waits until no
 * writer is inside the old one (only records already under way, a few instructions each; it
 * spins, then yields, then parks), reads it, and empties it for reuse. Every record therefore
 * lands whole, bucket, sum, min and max together, in exactly one interval: the one whose snapshot
 * swaps the buffers after the record checked its buffer. A record that overlaps the cut lands in
 * this interval or in the next one, never in both and never in neither; the counts of all
 * snapshots add up to the number of records exactly. Snapshots are meant for one reporter thread;
 * concurrent calls are serialized on this object's monitor, which {@link #record} never takes.
 */
public final class LogHistogram {

    private volatile IntervalBuffer active = new IntervalBuffer();
    private IntervalBuffer spare = new IntervalBuffer(); // guarded by this

    /** Creates an empty histogram; allocates its fixed memory (about 114 KiB) at once. */
    public LogHistogram() {}

    /**
     * Records one value. Wait-free in practice (see the class comment); allocates nothing; never
     * throws.
     *
     * @param value any value; negative values count in the bucket of 0 (min, sum and mean see
     *     their true value)
     */
    public void record(long value) {
        int index = BucketLayout.indexOf(value);
        IntervalBuffer buffer = active;
        while (true) {
            buffer.enter();
            IntervalBuffer now = active;
            if (now == buffer) {
                buffer.add(index, value);
                buffer.exit();
                return;
            }
            buffer.exit(); // swapped out before we wrote: a snapshot may be reading it
            buffer = now;
        }
    }

    /**
     * What was recorded since the previous call (since construction for the first), without
     * stopping the writers. Blocks only until the records under way in the old buffer finish.
     * Allocates the snapshot (a few hundred bytes for typical data, at most 86 KiB when every
     * bucket has values).
     *
     * @return an immutable snapshot, {@linkplain HistogramSnapshot empty} when nothing was recorded
     */
    public synchronized HistogramSnapshot intervalSnapshot() {
        IntervalBuffer old = active;
        active = spare;
        old.awaitQuiescent();
        HistogramSnapshot snapshot = old.snapshot();
        old.reset();
        spare = old;
        return snapshot;
    }
}
