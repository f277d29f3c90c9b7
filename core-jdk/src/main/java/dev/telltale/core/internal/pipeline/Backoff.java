package dev.telltale.core.internal.pipeline;

import dev.telltale.internal.Durations;
import java.time.Duration;

/**
 * Capped exponential backoff: the wait after {@code n} consecutive failures is {@code initial *
 * 2^(n-1)}, at most {@code max}. Immutable.
 */
record Backoff(Duration initial, Duration max) {

    /** The wait before the next attempt after {@code failures} consecutive failures (0: none). */
    long nanosAfter(int failures) {
        long base = Durations.nanos(initial);
        long cap = Durations.nanos(max);
        if (failures <= 0 || base == 0) {
            return 0;
        }
        int shift = Math.min(failures - 1, 62);
        return base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    }
}
