package dev.telltale.watch;

/**
 * Told of every slow-task report, beside Telltale's own event, log line and JFR event: once while
 * a slow task still runs ({@link SlowTask.Phase#RUNNING}) and once when it ends ({@link
 * SlowTask.Phase#ENDED}); once, after the fact, for a virtual thread that held its carrier
 * pinned ({@link SlowTask.Phase#PINNED}, JDK 21+).
 *
 * <p><b>Threading.</b> Called on Telltale's watcher thread, one report at a time, never on the
 * task's thread. A handler that blocks delays later reports (not the application); whatever it
 * throws is logged and ignored (fatal errors aside).
 */
@FunctionalInterface
public interface SlowTaskHandler {

    /** Handles one report. */
    void onSlowTask(SlowTask report);
}
