package dev.telltale.core.internal.watch;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import java.time.Duration;

/**
 * The watch's settings, read from a {@link Config} whose loading checked each against its key's
 * range.
 *
 * @param slowTaskThreshold a task running this long is slow
 * @param quietPeriod no slow-task reports for this long after start
 */
public record WatchSettings(Duration slowTaskThreshold, Duration quietPeriod) {

    /** The defaults of the configuration table. */
    public static WatchSettings defaults() {
        return new WatchSettings(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /** Reads the settings from {@code config}. */
    public static WatchSettings from(Config config) {
        return new WatchSettings(config.duration(CoreKeys.WATCH_SLOW_TASK_THRESHOLD),
                config.duration(CoreKeys.WATCH_QUIET_PERIOD));
    }

    /** How often running tasks are checked: a quarter of the threshold, from 1 ms to 100 ms. */
    Duration checkPeriod() {
        long nanos = slowTaskThreshold.toNanos() / 4;
        return Duration.ofNanos(Math.max(1_000_000L, Math.min(100_000_000L, nanos)));
    }
}
