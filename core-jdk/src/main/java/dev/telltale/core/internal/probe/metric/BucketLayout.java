package dev.telltale.core.internal.probe.metric;

/**
 * Which bucket of a {@link LogHistogram} each {@code long} holds: a log-linear layout with {@value
 * #SUB_BUCKETS} equal sub-buckets per power of two.
 *
 * <p>Values 0 to 255 have a bucket each (exact). Above that, the values with the same highest set
 * bit, [2^e, 2^(e+1)) for e from 8 to 62, are cut into 128 buckets of width 2^(e-7): a bucket's
 * width is at most 1/128 of its lowest value, so its largest value exceeds any other value in it by
 * less than 1/128 (0.78%) of that value.
 * That makes {@value #BUCKETS} buckets (57 powers of two times 128) from 0 to {@link
 * Long#MAX_VALUE}, whose last bucket ends exactly at {@code Long.MAX_VALUE}. Negative values
 * share bucket 0 with zero.
 *
 * <p>The index is the value's top eight significant bits, shifted, plus 128 per doubling: no
 * table, no loop, no division. Stateless; every method is a pure function.
 */
final class BucketLayout {

    /** log2 of {@link #SUB_BUCKETS}. */
    static final int SUB_BUCKET_BITS = 7;

    /** Buckets per power of two. */
    static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

    /** Buckets from 0 to {@link Long#MAX_VALUE}. */
    static final int BUCKETS = (64 - SUB_BUCKET_BITS) << SUB_BUCKET_BITS;

    /** Below this value every bucket holds one value. */
    private static final int EXACT_BELOW = 2 * SUB_BUCKETS;

    private BucketLayout() {}

    /** The bucket of {@code value}; 0 for zero and every negative value. */
    static int indexOf(long value) {
        long v = Math.max(value, 0);
        // bits of v below its top eight significant ones (none for v < 256)
        int shift = Math.max(0, (63 - SUB_BUCKET_BITS) - Long.numberOfLeadingZeros(v));
        return (shift << SUB_BUCKET_BITS) + (int) (v >>> shift);
    }

    /** The smallest value in bucket {@code index}. */
    static long lowestValue(int index) {
        if (index < EXACT_BELOW) {
            return index;
        }
        int shift = (index >>> SUB_BUCKET_BITS) - 1;
        return (long) ((index & (SUB_BUCKETS - 1)) + SUB_BUCKETS) << shift;
    }

    /** The largest value in bucket {@code index}; {@link Long#MAX_VALUE} for the last one. */
    static long highestValue(int index) {
        if (index < EXACT_BELOW) {
            return index;
        }
        int shift = (index >>> SUB_BUCKET_BITS) - 1;
        return lowestValue(index) + ((1L << shift) - 1);
    }
}
