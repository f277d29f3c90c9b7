package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.probe.InstrumentSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What metric instruments make of their values, and how probes write application objects. */
class ProbeValuesTest {

    private static final InstrumentSpec SPEC = InstrumentSpec.histogram("sizes", "args[0]").build();

    @Test
    void whole_ofEachIntegerType_isItsValue() {
        assertEquals(-7L, Numbers.whole(-7L, SPEC));
        assertEquals(Long.MAX_VALUE, Numbers.whole(Long.MAX_VALUE, SPEC));
        assertEquals(-7L, Numbers.whole(-7, SPEC));
        assertEquals(-7L, Numbers.whole((short) -7, SPEC));
        assertEquals(-7L, Numbers.whole((byte) -7, SPEC));
    }

    @Test
    void whole_ofDecimals_roundsToNearest() {
        assertEquals(3L, Numbers.whole(2.5d, SPEC));
        assertEquals(2L, Numbers.whole(2.49d, SPEC));
        assertEquals(-2L, Numbers.whole(-2.5f, SPEC));
        assertEquals(3L, Numbers.whole(2.5f, SPEC));
        assertEquals(Long.MAX_VALUE, Numbers.whole(1e30, SPEC));
    }

    @Test
    void whole_ofBigInteger_saturatesOutsideLong() {
        assertEquals(42L, Numbers.whole(BigInteger.valueOf(42), SPEC));
        assertEquals(Long.MAX_VALUE, Numbers.whole(BigInteger.valueOf(Long.MAX_VALUE), SPEC));
        assertEquals(Long.MIN_VALUE, Numbers.whole(BigInteger.valueOf(Long.MIN_VALUE), SPEC));
        assertEquals(Long.MAX_VALUE, Numbers.whole(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), SPEC));
        assertEquals(Long.MIN_VALUE, Numbers.whole(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), SPEC));
        assertEquals(Long.MAX_VALUE, Numbers.whole(BigInteger.TEN.pow(40), SPEC));
        assertEquals(Long.MIN_VALUE, Numbers.whole(BigInteger.TEN.pow(40).negate(), SPEC));
    }

    @Test
    void whole_ofBigDecimal_roundsHalfUp_andSaturates() {
        assertEquals(3L, Numbers.whole(new BigDecimal("2.5"), SPEC));
        assertEquals(2L, Numbers.whole(new BigDecimal("2.4999"), SPEC));
        assertEquals(-3L, Numbers.whole(new BigDecimal("-2.5"), SPEC));
        assertEquals(Long.MAX_VALUE, Numbers.whole(new BigDecimal("1e40"), SPEC));
    }

    @Test
    void whole_ofOtherNumber_roundsItsDoubleValue() {
        assertEquals(5L, Numbers.whole(new AtomicLong(5), SPEC));
    }

    @Test
    void whole_ofDuration_isNanos_saturatedAtLongMax() {
        assertEquals(1_500_000L, Numbers.whole(Duration.ofNanos(1_500_000), SPEC));
        assertEquals(Long.MAX_VALUE, Numbers.whole(Duration.ofNanos(Long.MAX_VALUE), SPEC));
        assertEquals(Long.MAX_VALUE, Numbers.whole(Duration.ofDays(400 * 365L), SPEC));
        assertEquals(Long.MAX_VALUE - 1, Numbers.whole(Duration.ofNanos(Long.MAX_VALUE - 1), SPEC));
    }

    @Test
    void whole_ofNonNumber_failsNamingInstrumentValueAndType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Numbers.whole("12", SPEC));
        assertEquals("histogram 'sizes': value 'args[0]' gave java.lang.String, not a number", e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Numbers.whole(null, SPEC));
        assertEquals("histogram 'sizes': value 'args[0]' gave null, not a number", n.getMessage());
    }

    @Test
    void safeString_ofNull_isNullText() {
        assertEquals("null", Text.safeString(null));
    }

    @Test
    void safeString_upTo1000Chars_isWhole_longerIsCutWithEllipsis() {
        String exact = "x".repeat(1000);
        assertEquals(exact, Text.safeString(exact));
        String cut = Text.safeString("y".repeat(1001));
        assertEquals("y".repeat(1000) + "…", cut);
    }

    @Test
    void safeString_ofThrowingToString_describesTheObjectAndWhatItThrew() {
        Object bad = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        String s = Text.safeString(bad);
        assertEquals(bad.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(bad))
                + " (toString() threw java.lang.IllegalStateException)", s);
    }

    @Test
    void safeString_fatalErrorFromToString_propagates() {
        Object bad = new Object() {
            @Override
            public String toString() {
                throw new OutOfMemoryError("pretend");
            }
        };
        assertThrows(OutOfMemoryError.class, () -> Text.safeString(bad));
    }

    @Test
    void error_withAndWithoutMessage_andThrowingGetMessage() {
        assertEquals("java.lang.IllegalStateException: broke", Text.error(new IllegalStateException("broke")));
        assertEquals("java.lang.IllegalStateException", Text.error(new IllegalStateException()));
        RuntimeException odd = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(odd.getClass().getName() + ": (getMessage() threw java.lang.UnsupportedOperationException)",
                Text.error(odd));
        assertNull(Text.safeMessage(new RuntimeException()));
    }

    @Test
    void rateLimit_zeroOrLess_isNone() {
        assertNull(RateLimit.of(0));
        assertNull(RateLimit.of(-1));
    }

    @Test
    void rateLimit_allowsABurstOfOneSecondsWorth_thenOnlyWhatTheTimeTakenEarns() {
        long start = System.nanoTime();
        RateLimit limit = RateLimit.of(5); // one per 200 ms, bursts of a second's worth
        int allowed = 0;
        for (int i = 0; i < 50; i++) {
            if (limit.tryAcquire()) {
                allowed++;
            }
        }
        long earned = (System.nanoTime() - start) / 200_000_000L;
        assertTrue(allowed >= 5, "a second's worth at once: allowed " + allowed);
        assertTrue(allowed <= 5 + earned, "allowed " + allowed + " with " + earned + " earned back");
    }

    @Test
    void rateLimit_belowOnePerSecond_stillAllowsOne_thenRefuses() {
        RateLimit limit = RateLimit.of(0.001); // one every 1,000 s; the burst is one interval
        assertTrue(limit.tryAcquire());
        assertEquals(false, limit.tryAcquire());
    }
}
