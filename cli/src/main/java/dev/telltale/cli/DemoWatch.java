package dev.telltale.cli;

import dev.telltale.Telltale;
import dev.telltale.watch.LoopWatch;
import dev.telltale.watch.SlowTask;
import dev.telltale.watch.Watches;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's loop and hang watch: the shop's worker pool and its clock loop are watched, and in a
 * run of at least {@link #LEAST} the shop has one deliberately slow task on the pool ({@code
 * demo.shop.reindex}, 1.2 s) and one short hang of the clock loop ({@code demo.shop.stall},
 * 1.5 s), which leave slow-task events, lag figures and one set of three thread dumps in {@code
 * <out>/hangs}. Called by the demo's main thread, except the handler (the watcher thread).
 */
final class DemoWatch {

    /** The shortest run that has the slow task and the hang (its dumps take two seconds). */
    static final Duration LEAST = Duration.ofSeconds(5);
    /** Its warnings (with stacks) would bury the progress lines; the summary reports the same. */
    private static final java.util.logging.Logger WATCH_LOG = java.util.logging.Logger.getLogger("dev.telltale.watch");
    private static final long SLOW_MILLIS = 1_200;
    /** Most dump files the summary names one by one. */
    private static final int LISTED_DUMPS = 6;
    private static final long STALL_MILLIS = 1_500;

    private final Watches watches;
    private final Duration duration;
    private final Path hangDir;
    private final List<SlowTask> slow = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private LoopWatch loop;

    /** The watch's settings for the demo, each unless set already (so {@code --set} wins). */
    static void settings(Map<String, String> settings, Path outDir) {
        settings.putIfAbsent("telltale.watch.slow-task.threshold", "500ms");
        settings.putIfAbsent("telltale.watch.quiet-period", "500ms");
        settings.putIfAbsent("telltale.watch.hang.interval", "500ms");
        settings.putIfAbsent("telltale.watch.hang.dir", outDir.resolve("hangs").toString());
        settings.putIfAbsent("telltale.watch.lag.report-interval", "2s");
    }

    /** The watch of {@code telltale} for a run of {@code duration}; removes the dumps of a previous run. */
    DemoWatch(Telltale telltale, Duration duration, Map<String, String> settings) throws IOException {
        this.watches = Watches.of(telltale);
        this.duration = duration;
        this.hangDir = Path.of(settings.get("telltale.watch.hang.dir"));
        for (Path old : dumps()) {
            Files.delete(old);
        }
        watches.onSlowTask(r -> {
            if (r.phase() == SlowTask.Phase.ENDED) {
                synchronized (slow) {
                    slow.add(r);
                }
            }
        });
    }

    /** {@code pool}, watched. */
    ExecutorService workers(ExecutorService pool) {
        return watches.watch("demo.shop.workers", pool);
    }

    /** {@code clock}, watched for slow tasks, hangs and lag. */
    ScheduledExecutorService loop(ScheduledExecutorService clock) {
        ScheduledExecutorService watched = watches.watch("demo.shop.clock", clock);
        loop = watches.loop("demo.shop.clock", watched);
        return watched;
    }

    /** Schedules the slow task and the hang, in a run long enough for them. */
    void start(ExecutorService workers, ScheduledExecutorService clock) {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            WATCH_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
        if (duration.compareTo(LEAST) < 0) {
            return;
        }
        long ms = duration.toMillis();
        clock.schedule(() -> workers.execute(Watches.named("demo.shop.reindex", () -> pause(SLOW_MILLIS))),
                ms / 5, TimeUnit.MILLISECONDS);
        clock.schedule(Watches.named("demo.shop.stall", () -> pause(STALL_MILLIS)), Math.min(ms * 3 / 10, ms - 3_500),
                TimeUnit.MILLISECONDS);
    }

    /** A deliberate stall of the calling thread; ends early when the demo stops. */
    private void pause(long millis) {
        try {
            stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the stalls early (the demo is stopping) and the loop's watch. */
    void close() {
        stop.countDown();
        if (loop != null) {
            loop.close();
        }
    }

    /** The dump files in the hang directory, by name. */
    List<Path> dumps() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(hangDir)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(hangDir, "stacktrace-*.txt")) {
                dir.forEach(files::add);
            }
        }
        files.sort(null);
        return files;
    }

    /** The summary's line: the slow tasks (as the handler saw them), lag and hangs (as read back), the dumps. */
    List<String> summary(DemoWatchTally readBack) throws IOException {
        List<String> parts = new ArrayList<>();
        Map<String, String> tasks = new LinkedHashMap<>();
        synchronized (slow) {
            for (SlowTask t : slow) {
                tasks.put(t.task(), String.format("%s %.1f s on %s", t.task(), t.elapsed().toMillis() / 1000.0, t.thread()));
            }
        }
        parts.add(tasks.isEmpty() ? "no slow tasks" : tasks.size() + " slow task" + (tasks.size() == 1 ? "" : "s") + " ("
                + String.join(", ", tasks.values()) + ")");
        if (readBack != null && readBack.lagReports() > 0) {
            parts.add(String.format("lag of demo.shop.clock: p99 up to %s, max %s", millis(readBack.lagP99()),
                    millis(readBack.lagMax())));
        }
        if (readBack != null && readBack.hangs() > 0) {
            parts.add(String.format("%d hang%s (the last %.1f s, %d ms of it in GC)", readBack.hangs(),
                    readBack.hangs() == 1 ? "" : "s", readBack.lastHangMillis() / 1000.0, readBack.lastHangGcMillis()));
        }
        List<Path> dumps = dumps();
        List<String> lines = new ArrayList<>();
        lines.add("Loop watch: " + String.join("; ", parts) + ".");
        lines.add(dumps.isEmpty() ? "  no thread dumps." : "  " + dumps.size() + " thread dumps in " + hangDir + "/: "
                + dumpNames(dumps) + ".");
        if (duration.compareTo(LEAST) < 0) {
            lines.add("  (a run of " + LEAST.toSeconds() + " s or more has a deliberately slow task and a short hang)");
        }
        return lines;
    }

    /** Every dump's name (a set is three), or the first and the last of more than {@value #LISTED_DUMPS}. */
    private static String dumpNames(List<Path> dumps) {
        if (dumps.size() > LISTED_DUMPS) {
            return dumps.get(0).getFileName() + " … " + dumps.get(dumps.size() - 1).getFileName();
        }
        List<String> names = new ArrayList<>();
        dumps.forEach(d -> names.add(d.getFileName().toString()));
        return String.join(", ", names);
    }

    private static String millis(long nanos) {
        return String.format("%,.1f ms", nanos / 1e6);
    }
}
