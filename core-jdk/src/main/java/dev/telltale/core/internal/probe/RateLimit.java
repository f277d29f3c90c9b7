package dev.telltale.core.internal.probe;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code rate} hits per second, with bursts of up to one second's worth: the generic cell
 * rate algorithm on one {@link AtomicLong}, so a hit takes no lock and allocates nothing.
 */
final class RateLimit {

    private final long interval;
    private final long burst;
    private final AtomicLong theoreticalArrival;

    private RateLimit(double perSecond) {
        this.interval = Math.max(1L, (long) (1_000_000_000d / perSecond));
        this.burst = Math.max(interval, 1_000_000_000L);
        this.theoreticalArrival = new AtomicLong(System.nanoTime());
    }

    /** A limit of {@code perSecond} hits a second, or null for none ({@code perSecond == 0}). */
    static RateLimit of(double perSecond) {
        return perSecond > 0 ? new RateLimit(perSecond) : null;
    }

    /** Whether a hit now is within the limit; takes its share of the budget if so. */
    boolean tryAcquire() {
        long now = System.nanoTime();
        while (true) {
            long tat = theoreticalArrival.get();
            long next = (tat - now > 0 ? tat : now) + interval;
            if (next - now > burst) {
                return false;
            }
            if (theoreticalArrival.compareAndSet(tat, next)) {
                return true;
            }
        }
    }
}
