package dev.telltale.internal;

/**
 * A {@link System#nanoTime()} reading that a watcher thread refreshes every few milliseconds, so
 * that a task's thread can tell cheaply (one volatile read instead of a clock call) that a task
 * was certainly short. It lags the true time by the refresh period, or more when the refreshing
 * thread is late.
 */
public final class CoarseClock {

    private volatile long now = System.nanoTime();

    /** The last reading. */
    public long now() {
        return now;
    }

    /** Refreshes the reading; on the watcher thread. */
    public void tick() {
        now = System.nanoTime();
    }
}
