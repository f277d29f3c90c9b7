package dev.telltale.core.internal.watch;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Origin;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

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
 * @param lagInterval period of the lag task, zero for none
 * @param lagReportInterval period of {@code loop.lag} events
 * @param statsd where lag samples go, or null
 * @param statsdPrefix first part of StatsD metric names
 * @param virtualThreads whether hang dumps add the virtual threads after the platform ones (JDK 21+)
 * @param contentionThreshold shortest lock or park wait added to a hang's report, zero for none
 * @param pinnedThreshold shortest pin of a virtual thread's carrier reported as a slow task (JDK
 *     21+), zero for none
 */
public record WatchSettings(Duration slowTaskThreshold, Duration quietPeriod, Duration hangInterval, int hangDumps,
        Duration dumpGap, Path hangDir, boolean lockedSynchronizers, Duration lagInterval, Duration lagReportInterval,
        InetSocketAddress statsd, String statsdPrefix, boolean virtualThreads, Duration contentionThreshold,
        Duration pinnedThreshold) {

    /** The defaults of the configuration table. */
    public static WatchSettings defaults() {
        return new WatchSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1), 3,
                Duration.ofSeconds(1), Path.of("./telltale-out/hangs"), false, Duration.ofMillis(250),
                Duration.ofSeconds(10), null, "telltale", true, Duration.ofMillis(20), Duration.ofMillis(20));
    }

    /**
     * Reads the settings from {@code config}. A malformed {@code telltale.watch.statsd} set in code
     * throws; from the environment it is reported through {@code warn} and StatsD left off.
     *
     * @throws IllegalArgumentException if {@code telltale.watch.hang.dir} is no path, or as above
     */
    public static WatchSettings from(Config config, Consumer<String> warn) {
        String dir = config.string(CoreKeys.WATCH_HANG_DIR).strip();
        Path hangDir;
        try {
            hangDir = Path.of(dir.isEmpty() ? "." : dir);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("telltale.watch.hang.dir: '" + dir + "' is no path: " + e.getMessage(), e);
        }
        InetSocketAddress statsd = null;
        String target = config.string(CoreKeys.WATCH_STATSD).strip();
        if (!target.isEmpty()) {
            try {
                statsd = StatsdClient.parse(target);
            } catch (IllegalArgumentException e) {
                if (config.origin(CoreKeys.WATCH_STATSD.name()) == Origin.CODE) {
                    throw e;
                }
                warn.accept(e.getMessage() + " (" + config.origin(CoreKeys.WATCH_STATSD.name()).label()
                        + "); lag is not sent to StatsD");
            }
        }
        return new WatchSettings(config.duration(CoreKeys.WATCH_SLOW_TASK_THRESHOLD),
                config.duration(CoreKeys.WATCH_QUIET_PERIOD), config.duration(CoreKeys.WATCH_HANG_INTERVAL),
                config.integer(CoreKeys.WATCH_HANG_DUMPS), config.duration(CoreKeys.WATCH_HANG_DUMP_GAP), hangDir,
                config.bool(CoreKeys.WATCH_HANG_SYNCHRONIZERS), config.duration(CoreKeys.WATCH_LAG_INTERVAL),
                config.duration(CoreKeys.WATCH_LAG_REPORT_INTERVAL), statsd,
                config.string(CoreKeys.WATCH_STATSD_PREFIX).strip(), config.bool(CoreKeys.WATCH_HANG_VIRTUAL_THREADS),
                config.duration(CoreKeys.WATCH_HANG_CONTENTION), config.duration(CoreKeys.WATCH_PINNED_THRESHOLD));
    }

    /** How often running tasks are checked: a quarter of the threshold, from 1 ms to 100 ms. */
    Duration checkPeriod() {
        long nanos = slowTaskThreshold.toNanos() / 4;
        return Duration.ofNanos(Math.max(1_000_000L, Math.min(100_000_000L, nanos)));
    }
}
