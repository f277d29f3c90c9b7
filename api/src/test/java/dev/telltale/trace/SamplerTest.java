package dev.telltale.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplerTest {

    /** How many of {@code ids} random trace ids {@code sampler} keeps. */
    private static long kept(Sampler sampler, int ids, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long kept = 0;
        for (int i = 0; i < ids; i++) {
            if (sampler.sample(random.nextLong(), random.nextLong(), null)) {
                kept++;
            }
        }
        return kept;
    }

    /** Asserts {@code kept} of {@code n} is within 5 standard deviations of the binomial's mean. */
    private static void assertBinomial(double p, int n, long kept) {
        double mean = p * n;
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(kept - mean) <= 5 * sd,
                "kept " + kept + " of " + n + " at p=" + p + ": mean " + mean + ", sd " + sd);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.01, 0.001})
    void probability_overTenMillionIds_keepsTheRatioWithinTheBinomialTolerance(double p) {
        int n = 10_000_000;
        assertBinomial(p, n, kept(Sampler.probability(p), n, 42));
    }

    @Test
    void probabilityOneInAMillion_overFiftyMillionIds_keepsAboutFifty() {
        int n = 50_000_000;
        long kept = kept(Sampler.probability(1e-6), n, 7);
        assertBinomial(1e-6, n, kept);
        assertTrue(kept > 0, "1e-6 is honoured, not rounded to 0");
    }

    @Test
    void probability_decidesByTraceId_sameIdSameDecision_highBitsIgnored() {
        Sampler sampler = Sampler.probability(0.25);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long low = random.nextLong();
            boolean first = sampler.sample(random.nextLong(), low, null);
            assertEquals(first, sampler.sample(random.nextLong(), low, null));
            // the top byte of the low half is not part of the random bits W3C Level 2 promises
            assertEquals(first, sampler.sample(0, low ^ 0xFF00_0000_0000_0000L, null));
        }
    }

    @Test
    void probabilityBounds_zeroIsNever_oneIsAlways() {
        assertSame(Sampler.never(), Sampler.probability(0));
        assertSame(Sampler.always(), Sampler.probability(1));
        assertFalse(Sampler.never().sample(1, -1, null));
        assertTrue(Sampler.always().sample(1, -1, null));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0001, Double.NaN, Double.POSITIVE_INFINITY})
    void probabilityOutOfRange_throws_namingTheValue(double p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.probability(p));
        assertTrue(e.getMessage().contains(Double.toString(p)), e.getMessage());
    }

    @Test
    void rateLimited_onAControlledClock_neverKeepsMoreThanTheRatePerSecond() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        RateLimitedSampler sampler = new RateLimitedSampler(10, now::get);
        // 1000 requests a second for 20 simulated seconds
        long[] perSecond = new long[20];
        for (int ms = 0; ms < 20_000; ms++) {
            if (sampler.sample(1, ms + 1, null)) {
                perSecond[ms / 1000]++;
            }
            now.addAndGet(1_000_000L);
        }
        long total = 0;
        for (int s = 0; s < perSecond.length; s++) {
            assertTrue(perSecond[s] <= 20, "second " + s + " kept " + perSecond[s]); // a burst is at most one second's worth
            if (s > 0) {
                assertEquals(10, perSecond[s], "second " + s + " at the steady rate");
            }
            total += perSecond[s];
        }
        assertTrue(total <= 10 * 20 + 10, "total " + total);
    }

    @Test
    void rateLimited_afterAQuietSpell_grantsAtMostOneSecondsWorthAtOnce() {
        AtomicLong now = new AtomicLong(0);
        RateLimitedSampler sampler = new RateLimitedSampler(5, now::get);
        now.addAndGet(60_000_000_000L); // a quiet minute
        int granted = 0;
        for (int i = 0; i < 100; i++) {
            if (sampler.sample(1, i + 1, null)) {
                granted++;
            }
        }
        assertEquals(5, granted);
        now.addAndGet(200_000_000L); // a fifth of a second pays back one
        assertTrue(sampler.sample(1, 1000, null));
        assertFalse(sampler.sample(1, 1001, null));
    }

    @Test
    void rateLimitedBelowOne_throws() {
        assertThrows(IllegalArgumentException.class, () -> Sampler.rateLimited(0));
    }

    @Test
    void parentBased_followsTheRemoteParentsFlag_andAsksTheRootSamplerForNewTraces() {
        Sampler sampler = Sampler.parentBased(Sampler.never());
        SpanContext sampled = new SpanContext(1, 2, 3, 0, SpanContext.SAMPLED, "");
        SpanContext unsampled = new SpanContext(1, 2, 3, 0, 0, "");
        assertTrue(sampler.sample(1, 2, sampled));
        assertFalse(sampler.sample(1, 2, unsampled));
        assertFalse(sampler.sample(1, 2, null));
        assertTrue(Sampler.parentBased(Sampler.always()).sample(1, 2, null));
        assertFalse(Sampler.parentBased(Sampler.always()).sample(1, 2, unsampled));
    }

    @Test
    void parse_knowsEverySpelling() {
        assertSame(Sampler.always(), Sampler.parse(" always "));
        assertSame(Sampler.never(), Sampler.parse("never"));
        assertSame(Sampler.never(), Sampler.parse("0"));
        assertSame(Sampler.always(), Sampler.parse("1.0"));
        assertEquals("0.001", Sampler.parse("0.001").toString());
        assertEquals("1.0E-6", Sampler.parse("1e-6").toString());
        assertEquals("rate:10", Sampler.parse("rate:10").toString());
        assertEquals("rate:3", Sampler.parse("rate: 3 ").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sometimes", "", "1.5", "-0.2", "NaN", "rate:", "rate:x", "rate:0", "rate:-4", "rate:1.5"})
    void parse_badSpec_throwsNamingIt(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.parse(spec));
        assertTrue(e.getMessage().contains("'" + spec + "'"), e.getMessage());
    }

    @Test
    void parse_null_throwsNullPointerException() {
        assertThrows(NullPointerException.class, () -> Sampler.parse(null));
    }
}
