package dev.telltale.core.internal.probe.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BucketLayoutTest {

    @Test
    void buckets_fromZeroToMaxValue_adjoinWithoutGapsOrOverlaps() {
        assertEquals(0, BucketLayout.lowestValue(0));
        for (int i = 0; i < BucketLayout.BUCKETS - 1; i++) {
            assertEquals(BucketLayout.highestValue(i) + 1, BucketLayout.lowestValue(i + 1), "after bucket " + i);
        }
        assertEquals(Long.MAX_VALUE, BucketLayout.highestValue(BucketLayout.BUCKETS - 1));
        assertEquals(7296, BucketLayout.BUCKETS);
    }

    @Test
    void indexOf_eachBucketsEndsAndMiddle_isThatBucket() {
        for (int i = 0; i < BucketLayout.BUCKETS; i++) {
            long low = BucketLayout.lowestValue(i);
            long high = BucketLayout.highestValue(i);
            assertEquals(i, BucketLayout.indexOf(low), "lowest value of " + i);
            assertEquals(i, BucketLayout.indexOf(high), "highest value of " + i);
            assertEquals(i, BucketLayout.indexOf(low + (high - low) / 2), "middle of " + i);
        }
    }

    @Test
    void width_everyBucket_belowOne128thOfItsLowestValue() {
        for (int i = 0; i < BucketLayout.BUCKETS; i++) {
            long low = BucketLayout.lowestValue(i);
            long width = BucketLayout.highestValue(i) - low + 1;
            if (low < 256) {
                assertEquals(1, width, "bucket " + i + " holds one value");
            } else {
                assertTrue(width * 128 <= low, "bucket " + i + ": width " + width + " from " + low);
            }
        }
    }

    @Test
    void indexOf_negativeValues_isZerosBucket() {
        assertEquals(0, BucketLayout.indexOf(-1));
        assertEquals(0, BucketLayout.indexOf(Long.MIN_VALUE));
        assertEquals(0, BucketLayout.indexOf(0));
        assertEquals(BucketLayout.BUCKETS - 1, BucketLayout.indexOf(Long.MAX_VALUE));
    }
}
