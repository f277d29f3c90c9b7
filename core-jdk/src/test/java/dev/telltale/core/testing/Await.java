package dev.telltale.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition, bounded in time: for conditions that offer nothing to block on. */
public final class Await {

    private Await() {}

    /**
     * Checks {@code condition} every millisecond or so until it holds or {@code timeout} passes,
     * then fails with {@code description} and the last state.
     */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + "ms waiting for " + description.get());
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + description.get(), e);
            }
        }
    }
}
