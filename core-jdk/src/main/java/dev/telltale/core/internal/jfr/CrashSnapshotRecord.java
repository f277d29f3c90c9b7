package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code dev.telltale.CrashSnapshot}: a crash snapshot was saved. Committed on the thread that
 * saved it (the one that caught the exception, or the dying thread for an uncaught one), with
 * that thread's stack trace.
 */
@Name("dev.telltale.CrashSnapshot")
@Label("Telltale Crash Snapshot")
@Category({"Telltale", "Snapshots"})
@Description("A throwable was saved with its state to a snapshot file")
@StackTrace(true)
public final class CrashSnapshotRecord extends jdk.jfr.Event {

    private static final EventType TYPE = EventType.getEventType(CrashSnapshotRecord.class);

    @Label("File")
    @Description("The snapshot file, for ./telltale dump show")
    String file;

    @Label("Exception Class")
    String exceptionClass;

    @Label("Message")
    String message;

    @Label("Uncaught")
    boolean uncaught;

    @Label("Size")
    @DataAmount
    long bytes;

    /** Commits one record if a recording enables the type. */
    public static void commit(String file, String exceptionClass, String message, boolean uncaught, long bytes) {
        if (!TYPE.isEnabled()) {
            return;
        }
        CrashSnapshotRecord r = new CrashSnapshotRecord();
        r.file = file;
        r.exceptionClass = exceptionClass;
        r.message = message;
        r.uncaught = uncaught;
        r.bytes = bytes;
        r.commit();
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return TYPE;
    }
}
