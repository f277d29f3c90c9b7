package dev.telltale.core.internal.watch;

import dev.telltale.core.internal.jfr.JfrSetup;
import dev.telltale.core.internal.jfr.SlowTaskRecord;
import dev.telltale.internal.Fatal;
import dev.telltale.watch.SlowTask;
import dev.telltale.watch.SlowTaskHandler;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends a slow-task report everywhere it goes: the {@code loop.slow-task} or {@code
 * loop.slow-task.ended} event (or, for a pinned virtual thread, {@code loop.slow-task} with {@code
 * pinned: true}), a {@link System.Logger} line, the JFR event {@code
 * dev.telltale.SlowTask}, and every handler. On the watcher thread only; never throws.
 */
final class SlowTaskReports {

    /** Most stack frames put into an event or a log line. */
    static final int MAX_FRAMES = 64;
    private static final int LOG_FRAMES = 12;

    private final WatchEvents events;
    private final System.Logger log;
    private final List<SlowTaskHandler> handlers = new CopyOnWriteArrayList<>();

    SlowTaskReports(WatchEvents events, System.Logger log) {
        this.events = events;
        this.log = log;
    }

    AutoCloseable add(SlowTaskHandler handler) {
        handlers.add(handler);
        return () -> handlers.remove(handler);
    }

    void report(SlowTask report, Thread thread, long elapsedNanos, long thresholdNanos) {
        boolean running = report.phase() == SlowTask.Phase.RUNNING;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("executor", report.executor());
        fields.put("task", report.task());
        fields.put("thread", report.thread());
        fields.put(running ? "elapsedMs" : "durationMs", WatchEvents.millis(elapsedNanos));
        fields.put("thresholdMs", WatchEvents.millis(thresholdNanos));
        if (running) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement e : report.stack()) {
                if (frames.size() == MAX_FRAMES) {
                    break;
                }
                frames.add(e.toString());
            }
            fields.put("stack", frames);
        } else {
            fields.put("reportedRunning", report.reportedRunning());
        }
        events.emit(running ? "loop.slow-task" : "loop.slow-task.ended", report.executor(), fields);
        logLine(report, elapsedNanos, thresholdNanos);
        jfrAndHandlers(report, thread, running ? "running" : "ended", elapsedNanos, thresholdNanos);
    }

    /**
     * Reports a pinned virtual thread ({@link SlowTask.Phase#PINNED}): {@code loop.slow-task} with
     * {@code pinned: true}, a WARNING line, the JFR record with phase {@code pinned}, the handlers.
     */
    void pinned(SlowTask report, Thread thread, String blockingOperation, String pinnedReason, String carrier,
            long thresholdNanos) {
        long elapsedNanos = report.elapsed().toNanos();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("executor", report.executor());
        fields.put("task", report.task());
        fields.put("thread", report.thread());
        fields.put("pinned", true);
        fields.put("elapsedMs", WatchEvents.millis(elapsedNanos));
        fields.put("thresholdMs", WatchEvents.millis(thresholdNanos));
        fields.put("blockingOperation", blockingOperation);
        fields.put("pinnedReason", pinnedReason);
        fields.put("carrier", carrier);
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : report.stack()) {
            if (frames.size() == MAX_FRAMES) {
                break;
            }
            frames.add(e.toString());
        }
        fields.put("stack", frames);
        events.emit("loop.slow-task", report.executor(), fields);
        try {
            StringBuilder b = new StringBuilder("telltale: task '").append(report.task()).append("' of ")
                    .append(report.executor()).append(" on virtual thread '").append(report.thread())
                    .append("' held its carrier '").append(carrier).append("' pinned for ")
                    .append(WatchEvents.millis(elapsedNanos)).append(" ms (threshold ")
                    .append(WatchEvents.millis(thresholdNanos)).append(" ms) in ").append(blockingOperation)
                    .append(": ").append(pinnedReason);
            appendFrames(b, report);
            log.log(Level.WARNING, b.toString());
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
        jfrAndHandlers(report, thread, "pinned", elapsedNanos, thresholdNanos);
    }

    private void jfrAndHandlers(SlowTask report, Thread thread, String phase, long elapsedNanos, long thresholdNanos) {
        try {
            if (JfrSetup.jfrUp()) {
                SlowTaskRecord.commit(report.executor(), report.task(), thread, phase, elapsedNanos, thresholdNanos);
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
        for (SlowTaskHandler handler : handlers) {
            try {
                handler.onSlowTask(report);
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
                log.log(Level.WARNING, "telltale: slow-task handler " + handler.getClass().getName() + " failed: " + t);
            }
        }
    }

    private static void appendFrames(StringBuilder b, SlowTask report) {
        int n = 0;
        for (StackTraceElement e : report.stack()) {
            if (n++ == LOG_FRAMES) {
                b.append("\n\t...");
                break;
            }
            b.append("\n\tat ").append(e);
        }
    }

    private void logLine(SlowTask report, long elapsedNanos, long thresholdNanos) {
        try {
            StringBuilder b = new StringBuilder("telltale: slow task '").append(report.task()).append("' of ")
                    .append(report.executor()).append(" on thread '").append(report.thread()).append("' ");
            if (report.phase() == SlowTask.Phase.RUNNING) {
                b.append("has run ").append(WatchEvents.millis(elapsedNanos)).append(" ms so far (threshold ")
                        .append(WatchEvents.millis(thresholdNanos)).append(" ms)");
                appendFrames(b, report);
                log.log(Level.WARNING, b.toString());
            } else {
                b.append("ended after ").append(WatchEvents.millis(elapsedNanos)).append(" ms (threshold ")
                        .append(WatchEvents.millis(thresholdNanos)).append(" ms)");
                log.log(report.reportedRunning() ? Level.INFO : Level.WARNING, b.toString());
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }
}
