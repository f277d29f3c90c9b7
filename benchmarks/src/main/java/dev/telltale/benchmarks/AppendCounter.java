package dev.telltale.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the events a logger's file appender has been given, so that the producer can wait for a
 * batch to reach it. Incremented by the logger's one background thread (a single writer), read by
 * the producer.
 *
 * <p>The count goes up in the appender's filter, just before the appender encodes and writes the
 * event: when the count reaches a batch's last event, that event may still be on its way into the
 * appender's buffer. Against a batch of thousands of events that is negligible.
 */
final class AppendCounter {

    private static final int SPINS = 1_000;
    private static final long PARK_NANOS = 20_000;

    private final AtomicLong count = new AtomicLong();

    /** Called by the appender's thread for every event. */
    void increment() {
        count.setRelease(count.getPlain() + 1);
    }

    long count() {
        return count.getAcquire();
    }

    /**
     * Spins briefly, then parks in 20 µs steps, until the count reaches {@code target}.
     *
     * @throws IllegalStateException if it does not within {@code timeout}: an event was lost
     */
    void await(long target, Duration timeout, String name) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int spins = 0;
        while (count.getAcquire() < target) {
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + ": " + count() + " of " + target
                        + " events reached the file appender within " + timeout + "; the others were lost");
            } else {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }
}
