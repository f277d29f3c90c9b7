package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code dev.telltale.ContextFinished}: a duration event from a context's birth to its finish, so
 * that contexts appear as spans on JDK Mission Control's timeline. Begun only when a recording
 * enables it at the context's birth.
 */
@Name("dev.telltale.ContextFinished")
@Label("Telltale Context")
@Category("Telltale")
@Description("The life of a Telltale context, from born to finished")
@StackTrace(false)
public final class ContextRecord extends jdk.jfr.Event {

    private static final EventType TYPE = EventType.getEventType(ContextRecord.class);

    @Label("Routing Key")
    String routingKey;

    @Label("Id")
    String id;

    @Label("Reclaimed")
    @Description("Never closed: finished when the garbage collector found it unreachable")
    boolean reclaimed;

    /** A begun record when a recording wants these now, else null. */
    public static ContextRecord started() {
        if (!TYPE.isEnabled()) {
            return null;
        }
        ContextRecord r = new ContextRecord();
        r.begin();
        return r;
    }

    /** Ends and commits {@code r}, if its duration passes the recording's threshold. */
    public static void finished(ContextRecord r, String routingKey, String id, boolean reclaimed) {
        r.end();
        if (r.shouldCommit()) {
            r.routingKey = routingKey;
            r.id = id;
            r.reclaimed = reclaimed;
            r.commit();
        }
    }

    /** Initializes this class, which registers the event type with JFR; see {@link JfrSetup}. */
    static void touch() {
        // nothing: calling a static method is what initializes the class
    }
}
