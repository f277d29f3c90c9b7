package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code dev.telltale.Hang}: a watched loop missed its heartbeat for longer than the hang
 * interval; committed on the watcher thread when the episode's dumps are written (phase {@code
 * hung}) and when the loop beats again (phase {@code ended}).
 */
@Name("dev.telltale.Hang")
@Label("Telltale Hang")
@Category({"Telltale", "Loop"})
@Description("A watched loop that missed its heartbeat for longer than telltale.watch.hang.interval")
@StackTrace(false)
public final class HangRecord extends jdk.jfr.Event {

    @Label("Loop")
    String loop;

    @Label("Loop Thread")
    @Description("The thread that ran the loop's last heartbeat")
    Thread loopThread;

    @Label("Phase")
    @Description("hung: the dumps are written and the loop still stalls or just recovered; ended: the loop beat again")
    String phase;

    @Label("Stall")
    @Description("From the last heartbeat before the stall to the first after it (so far, while hung)")
    @Timespan
    long stall;

    @Label("GC Time")
    @Description("Time the garbage collectors spent collecting during the stall")
    @Timespan
    long gcTime;

    @Label("Dump Files")
    @Description("The thread dumps of this episode, separated by new lines")
    String files;

    /** Commits one record, if a recording wants it. */
    public static void commit(String loop, Thread thread, String phase, long stallNanos, long gcNanos, String files) {
        HangRecord r = new HangRecord();
        if (!r.shouldCommit()) {
            return;
        }
        r.loop = loop;
        r.loopThread = thread;
        r.phase = phase;
        r.stall = stallNanos;
        r.gcTime = gcNanos;
        r.files = files;
        r.commit();
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return EventType.getEventType(HangRecord.class);
    }
}
