package dev.telltale.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    @Test
    void doublesAfterEachFailure_upToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertEquals(0, b.nanosAfter(0), "no failure, no wait");
        assertEquals(100, millis(b.nanosAfter(1)));
        assertEquals(200, millis(b.nanosAfter(2)));
        assertEquals(400, millis(b.nanosAfter(3)));
        assertEquals(800, millis(b.nanosAfter(4)));
        assertEquals(1000, millis(b.nanosAfter(5)), "capped");
        assertEquals(1000, millis(b.nanosAfter(6)));
    }

    @Test
    void manyFailures_neverOverflow() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
        for (int failures : new int[] {40, 62, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertEquals(30_000, millis(b.nanosAfter(failures)), "after " + failures);
        }
    }

    @Test
    void zeroInitial_neverWaits_andACapBelowTheInitialWins() {
        assertEquals(0, new Backoff(Duration.ZERO, Duration.ofSeconds(1)).nanosAfter(3));
        assertEquals(50, millis(new Backoff(Duration.ofMillis(100), Duration.ofMillis(50)).nanosAfter(1)));
    }
}
