package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code dev.telltale.LoopLag}: how late the lag task of a watched loop ran, once per {@code
 * telltale.watch.lag.interval}, committed on the loop's thread (so it sits on its timeline).
 */
@Name("dev.telltale.LoopLag")
@Label("Telltale Loop Lag")
@Category({"Telltale", "Loop"})
@Description("How late a task scheduled on a watched loop ran")
@StackTrace(false)
public final class LoopLagRecord extends jdk.jfr.Event {

    @Label("Loop")
    String loop;

    @Label("Lag")
    @Description("How much later than scheduled the task ran, in the loop's time")
    @Timespan
    long lag;

    @Label("Interval")
    @Timespan
    long interval;

    /** Commits one record, if a recording wants it. */
    public static void commit(String loop, long lagNanos, long intervalNanos) {
        LoopLagRecord r = new LoopLagRecord();
        if (!r.shouldCommit()) {
            return;
        }
        r.loop = loop;
        r.lag = lagNanos;
        r.interval = intervalNanos;
        r.commit();
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return EventType.getEventType(LoopLagRecord.class);
    }
}
