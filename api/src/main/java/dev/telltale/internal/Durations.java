package dev.telltale.internal;

import java.time.Duration;

/**
 * Turns {@link Duration}s into the numbers timers use, saturating instead of throwing: a
 * {@code Duration.ofSeconds(Long.MAX_VALUE)} means "as long as it takes", not an {@link
 * ArithmeticException}. Stateless.
 */
public final class Durations {

    /**
     * The longest wait in nanoseconds, about 146 years: {@code System.nanoTime() + FOREVER} may
     * overflow, but the difference of two such deadlines, and of a deadline and {@code nanoTime()},
     * stays right, which is all a deadline is used for.
     */
    public static final long FOREVER_NANOS = Long.MAX_VALUE / 2;

    private Durations() {}

    /** {@code d} in nanoseconds, at least 0 and at most {@link #FOREVER_NANOS}. */
    public static long nanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        if (d.getSeconds() >= FOREVER_NANOS / 1_000_000_000L) {
            return FOREVER_NANOS;
        }
        return d.toNanos();
    }

    /** {@code d} in milliseconds, {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE} when it does not fit. */
    public static long millis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
