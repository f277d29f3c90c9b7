package dev.telltale.core.internal.jfr;

import dev.telltale.internal.SpanHandle;
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
public final class ContextRecord extends jdk.jfr.Event implements SpanHandle {

    private static final EventType TYPE = EventType.getEventType(ContextRecord.class);

    @Label("Routing Key")
    String routingKey;

    @Label("Id")
    String id;

    @Label("Reclaimed")
    @Description("Never closed: finished when the garbage collector found it unreachable")
    boolean reclaimed;

    /**
     * A begun record of the context {@code routingKey}, {@code id} when a recording wants these
     * now, else {@link SpanHandle#NOOP}.
     */
    public static SpanHandle started(String routingKey, String id) {
        if (!TYPE.isEnabled()) {
            return SpanHandle.NOOP;
        }
        ContextRecord r = new ContextRecord();
        r.routingKey = routingKey;
        r.id = id;
        r.begin();
        return r;
    }

    /** Ends and commits this record, if its duration passes the recording's threshold. */
    @Override
    public void end(boolean abandoned) {
        end();
        if (shouldCommit()) {
            reclaimed = abandoned;
            commit();
        }
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return TYPE;
    }
}
