package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code dev.telltale.SlowTask}: a task of a watched executor ran longer than the threshold;
 * committed on the watcher thread once while it runs and once when it ends, or once when its
 * virtual thread held its carrier pinned (JDK 21+).
 */
@Name("dev.telltale.SlowTask")
@Label("Telltale Slow Task")
@Category({"Telltale", "Loop"})
@Description("A task of a watched executor that ran longer than telltale.watch.slow-task.threshold")
@StackTrace(false)
public final class SlowTaskRecord extends jdk.jfr.Event {

    @Label("Executor")
    String executor;

    @Label("Task")
    String task;

    @Label("Task Thread")
    @Description("The thread that runs the task")
    Thread taskThread;

    @Label("Phase")
    @Description("running: reported while it still runs; ended: reported when it ended; pinned: its virtual thread held its carrier pinned")
    String phase;

    @Label("Elapsed")
    @Description("How long it had run when reported; when ended, its duration; when pinned, how long the carrier was pinned")
    @Timespan
    long elapsed;

    @Label("Threshold")
    @Timespan
    long threshold;

    /** Commits one record, if a recording wants it. */
    public static void commit(String executor, String task, Thread thread, String phase, long elapsedNanos,
            long thresholdNanos) {
        SlowTaskRecord r = new SlowTaskRecord();
        if (!r.shouldCommit()) {
            return;
        }
        r.executor = executor;
        r.task = task;
        r.taskThread = thread;
        r.phase = phase;
        r.elapsed = elapsedNanos;
        r.threshold = thresholdNanos;
        r.commit();
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return EventType.getEventType(SlowTaskRecord.class);
    }
}
