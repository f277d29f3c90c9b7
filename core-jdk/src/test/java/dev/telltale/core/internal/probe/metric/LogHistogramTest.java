package dev.telltale.core.internal.probe.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogHistogramTest {

    private static final double[] PERCENTILES = {0, 0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100};

    /**
     * 20,001 values spread log-uniformly over [magnitude/16, 16 × magnitude] (capped at
     * Long.MAX_VALUE), each percentile against the exact nearest-rank value of the sorted data.
     */
    @ParameterizedTest(name = "around {0}")
    @ValueSource(longs = {1, 1_000, 1_000_000, 1_000_000_000, 1_000_000_000_000L, Long.MAX_VALUE})
    void percentile_valuesAroundMagnitude_withinOne128thAboveExact(long magnitude) {
        SplittableRandom random = new SplittableRandom(magnitude);
        long[] values = new long[20_001];
        double low = Math.log(Math.max(1, magnitude / 16.0));
        double high = Math.log(magnitude * 16.0);
        for (int i = 0; i < values.length; i++) {
            double v = Math.exp(low + random.nextDouble() * (high - low));
            values[i] = v >= 0x1p63 ? Long.MAX_VALUE - random.nextLong(1L << 40) : (long) v;
        }
        assertAccurate(values);
    }

    @Test
    void percentile_valuesOverEveryMagnitude_withinOne128thAboveExact() {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = new long[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextLong(0, Long.MAX_VALUE) >>> random.nextInt(63);
        }
        values[0] = Long.MAX_VALUE;
        values[1] = 0;
        assertAccurate(values);
    }

    private static void assertAccurate(long[] values) {
        LogHistogram histogram = new LogHistogram();
        for (long v : values) {
            histogram.record(v);
        }
        HistogramSnapshot s = histogram.intervalSnapshot();
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        assertEquals(values.length, s.count());
        assertEquals(sorted[0], s.min());
        assertEquals(sorted[sorted.length - 1], s.max());
        for (double p : PERCENTILES) {
            long rank = Math.max(1, (long) Math.ceil(p * sorted.length / 100));
            long exact = sorted[(int) rank - 1];
            long reported = s.percentile(p);
            long bound = exact > Long.MAX_VALUE - exact / 128 ? Long.MAX_VALUE : exact + exact / 128;
            assertTrue(reported >= exact && reported <= bound, "p" + p + ": exact " + exact + ", reported " + reported);
            if (exact < 256) {
                assertEquals(exact, reported, "p" + p + " of a small value is exact");
            }
        }
    }

    @Test
    void percentile_oneToThousand_readsEachBucketsLargestValue() {
        LogHistogram histogram = new LogHistogram();
        for (int v = 1; v <= 1000; v++) {
            histogram.record(v);
        }
        HistogramSnapshot s = histogram.intervalSnapshot();
        assertEquals(1000, s.count());
        assertEquals(500_500, s.sum());
        assertEquals(500.5, s.mean());
        assertEquals(1, s.percentile(0));
        assertEquals(1, s.percentile(0.1));
        assertEquals(200, s.percentile(20)); // below 256: exact
        assertEquals(501, s.percentile(50)); // 500 in [500, 501]
        assertEquals(903, s.percentile(90)); // 900 in [900, 903]
        assertEquals(991, s.percentile(99)); // 990 in [988, 991]
        assertEquals(999, s.percentile(99.9)); // 999 in [996, 999]
        assertEquals(1000, s.percentile(100));
    }

    @Test
    void percentile_bucketBeyondMax_keptAtMax() {
        LogHistogram histogram = new LogHistogram();
        histogram.record(1000); // in [1000, 1003]
        histogram.record(1000);
        HistogramSnapshot s = histogram.intervalSnapshot();
        assertEquals(1000, s.percentile(50));
        assertEquals(1000, s.percentile(100));
    }

    @Test
    void intervalSnapshot_nothingRecorded_emptySnapshot() {
        HistogramSnapshot s = new LogHistogram().intervalSnapshot();
        assertEquals(0, s.count());
        assertEquals(0, s.sum());
        assertEquals(0, s.min());
        assertEquals(0, s.max());
        assertTrue(Double.isNaN(s.mean()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.percentile(50));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(Map.of("count", 0L), s.toFields("_ns"));
    }

    @Test
    void intervalSnapshot_calledTwice_secondHoldsOnlyLaterValues() {
        LogHistogram histogram = new LogHistogram();
        histogram.record(5);
        histogram.record(1_000_000);
        HistogramSnapshot first = histogram.intervalSnapshot();
        HistogramSnapshot second = histogram.intervalSnapshot();
        histogram.record(42);
        HistogramSnapshot third = histogram.intervalSnapshot();
        histogram.record(7);
        HistogramSnapshot fourth = histogram.intervalSnapshot(); // the first buffer, reused

        assertEquals(2, first.count());
        assertEquals(5, first.min());
        assertEquals(1_000_000, first.max());
        assertEquals(1_000_005, first.sum());
        assertEquals(0, second.count());
        assertEquals(List.of(1L, 42L, 42L, 42L, 42L), List.of(third.count(), third.min(), third.max(), third.sum(),
                third.percentile(50)));
        assertEquals(List.of(1L, 7L, 7L, 7L, 7L), List.of(fourth.count(), fourth.min(), fourth.max(), fourth.sum(),
                fourth.percentile(100)));
    }

    @Test
    void record_negativeValues_countedAsZeroInBucketsWithTrueMinSumAndMean() {
        LogHistogram histogram = new LogHistogram();
        for (long v : new long[] {-10, -1, 0, 5}) {
            histogram.record(v);
        }
        HistogramSnapshot s = histogram.intervalSnapshot();
        assertEquals(4, s.count());
        assertEquals(-10, s.min());
        assertEquals(5, s.max());
        assertEquals(-6, s.sum());
        assertEquals(-1.5, s.mean());
        assertEquals(-10, s.percentile(0));
        assertEquals(0, s.percentile(25)); // -10 reads as its bucket, 0's
        assertEquals(0, s.percentile(50));
        assertEquals(5, s.percentile(100));
    }

    @Test
    void record_onlyNegativeValues_percentilesKeptAtMax() {
        LogHistogram histogram = new LogHistogram();
        histogram.record(-5);
        histogram.record(-3);
        histogram.record(Long.MIN_VALUE);
        HistogramSnapshot s = histogram.intervalSnapshot();
        assertEquals(Long.MIN_VALUE, s.min());
        assertEquals(-3, s.max());
        assertEquals(-3, s.percentile(50));
        assertEquals(Long.MIN_VALUE, s.percentile(0));
    }

    @Test
    void sum_beyondMaxValue_saturatesWhileMeanStaysExact() {
        LogHistogram histogram = new LogHistogram();
        for (int i = 0; i < 3; i++) {
            histogram.record(Long.MAX_VALUE);
        }
        HistogramSnapshot s = histogram.intervalSnapshot();
        assertEquals(3, s.count());
        assertEquals(Long.MAX_VALUE, s.sum());
        assertEquals((double) Long.MAX_VALUE, s.mean());
        assertEquals(Long.MAX_VALUE, s.percentile(50));
    }

    @Test
    void sum_belowMinValue_saturatesAtMinValue() {
        LogHistogram histogram = new LogHistogram();
        histogram.record(Long.MIN_VALUE);
        histogram.record(-1);
        HistogramSnapshot s = histogram.intervalSnapshot();
        assertEquals(Long.MIN_VALUE, s.sum());
        assertEquals(Long.MIN_VALUE / 2.0, s.mean());
    }

    @Test
    void sum_passingMaxValueAndBack_isTheTrueSum() {
        LogHistogram histogram = new LogHistogram();
        histogram.record(Long.MAX_VALUE);
        histogram.record(10); // beyond Long.MAX_VALUE for a moment
        histogram.record(-20);
        assertEquals(Long.MAX_VALUE - 10, histogram.intervalSnapshot().sum());
    }

    @Test
    void toFields_withUnit_standardFiguresInOrder() {
        LogHistogram histogram = new LogHistogram();
        for (int v = 1; v <= 1000; v++) {
            histogram.record(v);
        }
        Map<String, Object> fields = histogram.intervalSnapshot().toFields("_ns");
        assertEquals(List.of("count", "min_ns", "mean_ns", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns", "sum_ns"),
                List.copyOf(fields.keySet()));
        assertEquals(List.of(1000L, 1L, 500.5, 501L, 903L, 991L, 999L, 1000L, 500_500L), List.copyOf(fields.values()));
        assertThrows(UnsupportedOperationException.class, () -> fields.put("x", 1));
    }

    @Test
    void toFields_emptyUnit_plainKeys() {
        LogHistogram histogram = new LogHistogram();
        histogram.record(3);
        assertEquals("{count=1, min=3, mean=3.0, p50=3, p90=3, p99=3, p999=3, max=3, sum=3}",
                histogram.intervalSnapshot().toFields("").toString());
    }

    @Test
    void badArguments_rejectedNamingTheValue() {
        LogHistogram histogram = new LogHistogram();
        histogram.record(1);
        HistogramSnapshot s = histogram.intervalSnapshot();
        for (double p : new double[] {-0.1, 100.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.percentile(p));
            assertTrue(e.getMessage().contains(String.valueOf(p)), e.getMessage());
        }
        NullPointerException e = assertThrows(NullPointerException.class, () -> s.toFields(null));
        assertEquals("unitSuffix == null", e.getMessage());
    }
}
