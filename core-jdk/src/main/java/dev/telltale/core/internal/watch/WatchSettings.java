package dev.telltale.core.internal.watch;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The watch's settings, read from a {@link Config} whose loading checked each against its key's
 * range.
 *
 * @param slowTaskThreshold a task running this long is slow
 * @param quietPeriod no slow-task reports for this long after start
 * @param hangInterval a loop whose heartbeat is older than this is hung
 * @param hangDumps thread dumps per hang
 * @param dumpGap time between the dumps of one hang
 * @param hangDir where the dumps go
 * @param lockedSynchronizers whether dumps list locked ownable synchronizers (stops the world)
 */
public record WatchSettings(Duration slowTaskThreshold, Duration quietPeriod, Duration hangInterval, int hangDumps,
        Duration dumpGap, Path hangDir, boolean lockedSynchronizers) {

    /** The defaults of the configuration table. */
    public static WatchSettings defaults() {
        return new WatchSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1), 3,
                Duration.ofSeconds(1), Path.of("./telltale-out/hangs"), false);
    }

    /**
     * Reads the settings from {@code config}.
     *
     * @throws IllegalArgumentException if {@code telltale.watch.hang.dir} is no path
     */
    public static WatchSettings from(Config config) {
        String dir = config.string(CoreKeys.WATCH_HANG_DIR).strip();
        Path hangDir;
        try {
            hangDir = Path.of(dir.isEmpty() ? "." : dir);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("telltale.watch.hang.dir: '" + dir + "' is no path: " + e.getMessage(), e);
        }
        return new WatchSettings(config.duration(CoreKeys.WATCH_SLOW_TASK_THRESHOLD),
                config.duration(CoreKeys.WATCH_QUIET_PERIOD), config.duration(CoreKeys.WATCH_HANG_INTERVAL),
                config.integer(CoreKeys.WATCH_HANG_DUMPS), config.duration(CoreKeys.WATCH_HANG_DUMP_GAP), hangDir,
                config.bool(CoreKeys.WATCH_HANG_SYNCHRONIZERS));
    }

    /** How often running tasks are checked: a quarter of the threshold, from 1 ms to 100 ms. */
    Duration checkPeriod() {
        long nanos = slowTaskThreshold.toNanos() / 4;
        return Duration.ofNanos(Math.max(1_000_000L, Math.min(100_000_000L, nanos)));
    }
}
