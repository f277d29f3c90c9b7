package dev.telltale.core.internal.probe.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values a {@link LogHistogram} recorded in one interval: count, sum, minimum, maximum and
 * mean, exact; percentiles from the buckets, within 1/128 (0.78%) above the true value.
 * Immutable and thread-safe; it holds only the buckets that have values (an int and a long each).
 *
 * <p><b>Percentiles</b> are nearest-rank: {@code percentile(p)} is the bucket of the value of rank
 * ⌈p/100 × count⌉ (at least 1) in ascending order, read as the <em>largest</em> value that bucket
 * holds, and then kept within [{@link #min()}, {@link #max()}]. So it is never below the true
 * value v and exceeds it by less than v/128 (values 0 to 255 are exact); a latency is never
 * under-reported. {@code percentile(0)} is {@link #min()} and {@code percentile(100)} is {@link
 * #max()}, exactly.
 *
 * <p><b>Negative values</b> (which a timer never records, but a histogram of arbitrary numbers
 * may) count in the bucket of 0: {@link #count()}, {@link #sum()}, {@link #min()} and {@link
 * #mean()} see their true value, but a percentile that falls among them reads 0 (or {@link
 * #max()} if every value was negative).
 *
 * <p><b>Empty</b> (nothing recorded in the interval): count, sum, min and max are 0, the mean is
 * NaN, {@link #percentile} throws {@link IllegalStateException}, and {@link #toFields} holds only
 * {@code count}.
 */
public final class HistogramSnapshot {

    /** The snapshot of an interval with no values. */
    static final HistogramSnapshot EMPTY = new HistogramSnapshot(0, 0, 0, 0, 0, new int[0], new long[0]);

    private final long count;
    private final long sum;
    private final long min;
    private final long max;
    private final double mean;
    private final int[] indexes;
    private final long[] counts;

    /**
     * @param sumHigh the high 64 bits of the exact sum
     * @param sumLow its low 64 bits
     * @param indexes the buckets with values, ascending (not copied)
     * @param counts their counts (not copied)
     */
    HistogramSnapshot(long count, long sumHigh, long sumLow, long min, long max, int[] indexes, long[] counts) {
        this.count = count;
        this.sum = saturate(sumHigh, sumLow);
        this.min = min;
        this.max = max;
        this.mean = count == 0 ? Double.NaN : toDouble(sumHigh, sumLow) / count;
        this.indexes = indexes;
        this.counts = counts;
    }

    /** How many values were recorded. */
    public long count() {
        return count;
    }

    /**
     * The sum of the values, saturated: {@link Long#MAX_VALUE} (or {@link Long#MIN_VALUE}) when
     * the true sum is beyond it. 0 when empty.
     */
    public long sum() {
        return sum;
    }

    /** The smallest value recorded, exact (negative values included); 0 when empty. */
    public long min() {
        return min;
    }

    /** The largest value recorded, exact; 0 when empty. */
    public long max() {
        return max;
    }

    /** The mean, from the exact sum (so right even when {@link #sum()} saturates); NaN when empty. */
    public double mean() {
        return mean;
    }

    /**
     * The value at percentile {@code p}, nearest-rank, read as its bucket's largest value (see the
     * class comment): at least the true value v and less than v + v/128.
     *
     * @param p the percentile, in [0, 100]
     * @throws IllegalArgumentException if {@code p} is not in [0, 100] (or is NaN)
     * @throws IllegalStateException if the snapshot is empty
     */
    public long percentile(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100]: " + p);
        }
        if (count == 0) {
            throw new IllegalStateException("no percentile of an empty interval (count is 0)");
        }
        if (p == 0) {
            return min;
        }
        long rank = Math.min(count, Math.max(1, (long) Math.ceil(p * count / 100)));
        long seen = 0;
        int i = 0;
        while (seen + counts[i] < rank) {
            seen += counts[i++];
        }
        long value = BucketLayout.highestValue(indexes[i]);
        return Math.max(min, Math.min(max, value));
    }

    /**
     * The standard figures for an event, in this order: {@code count}, then {@code min}, {@code
     * mean}, {@code p50}, {@code p90}, {@code p99}, {@code p999} (the 99.9th percentile), {@code
     * max} and {@code sum}, each with {@code unitSuffix} appended ({@code count} has no unit).
     * Values are {@link Long}s except the mean, a {@link Double}. An empty snapshot gives {@code
     * {count=0}} alone.
     *
     * @param unitSuffix appended to every key but {@code count}, such as {@code "_ns"}; may be
     *     empty
     * @return an unmodifiable map in insertion order
     * @throws NullPointerException if {@code unitSuffix} is null
     */
    public Map<String, Object> toFields(String unitSuffix) {
        Objects.requireNonNull(unitSuffix, "unitSuffix == null");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("count", count);
        if (count > 0) {
            fields.put("min" + unitSuffix, min);
            fields.put("mean" + unitSuffix, mean);
            fields.put("p50" + unitSuffix, percentile(50));
            fields.put("p90" + unitSuffix, percentile(90));
            fields.put("p99" + unitSuffix, percentile(99));
            fields.put("p999" + unitSuffix, percentile(99.9));
            fields.put("max" + unitSuffix, max);
            fields.put("sum" + unitSuffix, sum);
        }
        return Collections.unmodifiableMap(fields);
    }

    /** The figures of {@link #toFields} with no unit. */
    @Override
    public String toString() {
        return "HistogramSnapshot" + toFields("");
    }

    /** A 128-bit two's complement integer clamped to the range of a long. */
    private static long saturate(long high, long low) {
        if (high == (low >> 63)) {
            return low; // the high word is only the low word's sign: it fits
        }
        return high < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** A 128-bit two's complement integer as a double. */
    private static double toDouble(long high, long low) {
        if (high == (low >> 63)) {
            return low; // fits in a long: exact to a double's precision, even near zero
        }
        double unsignedLow = (double) (low >>> 1) * 2.0 + (low & 1);
        return high * 0x1p64 + unsignedLow;
    }
}
