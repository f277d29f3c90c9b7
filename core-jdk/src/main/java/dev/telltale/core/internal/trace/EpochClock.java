package dev.telltale.core.internal.trace;

import java.time.Instant;

/**
 * Microseconds since the epoch from {@link System#nanoTime()}: one wall-clock reading when the
 * class is loaded, then the monotonic clock, so that a span's start costs one {@code nanoTime}
 * call and its duration never goes negative when the wall clock is set back. Drifts from the
 * wall clock as the two clocks do (NTP slewing), which is fine for spans of one process.
 */
final class EpochClock {

    private static final long BASE_NANOS = System.nanoTime();
    private static final long BASE_MICROS;

    static {
        Instant now = Instant.now();
        BASE_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private EpochClock() {}

    /** The epoch microseconds of the {@link System#nanoTime()} reading {@code nanos}. */
    static long micros(long nanos) {
        return BASE_MICROS + (nanos - BASE_NANOS) / 1_000;
    }
}
