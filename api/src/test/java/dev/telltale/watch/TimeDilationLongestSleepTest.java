package dev.telltale.watch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TimeDilation#sleep} takes any duration: one too long to count in nanoseconds sleeps
 * until interrupted (never an {@link ArithmeticException}), a negative one returns at once.
 */
@Timeout(60)
class TimeDilationLongestSleepTest {

    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(20);

    @Test
    void sleep_longestDuration_sleepsUntilInterrupted() throws Exception {
        TimeDilation time = TimeDilation.of(1000);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread sleeper = new Thread(() -> {
            try {
                time.sleep(Duration.ofSeconds(Long.MAX_VALUE));
                ended.set(new AssertionError("sleep returned"));
            } catch (Throwable t) {
                ended.set(t);
            }
        }, "sleeps-forever");
        sleeper.setDaemon(true);
        sleeper.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (sleeper.getState() != Thread.State.TIMED_WAITING && sleeper.isAlive()) {
            assertTrue(System.nanoTime() - deadline < 0, "the sleeper to wait: " + sleeper.getState());
            Thread.onSpinWait();
        }
        assertNull(ended.get(), "sleep ended at once");

        sleeper.interrupt();
        sleeper.join(WAIT_MILLIS);

        assertFalse(sleeper.isAlive(), "the interrupt ended the sleep");
        assertInstanceOf(InterruptedException.class, ended.get());
    }

    @Test
    void sleep_negativeDurations_evenTheLongest_returnWithoutThrowing() {
        TimeDilation time = TimeDilation.of(1);
        assertDoesNotThrow(() -> time.sleep(Duration.ofSeconds(Long.MIN_VALUE)));
        assertDoesNotThrow(() -> time.sleep(Duration.ofNanos(-1)));
        assertDoesNotThrow(() -> time.sleep(Duration.ZERO));
    }
}
