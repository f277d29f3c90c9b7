package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code dev.telltale.Span}: a duration event from a sampled span's start to its end, so that
 * spans line up on JDK Mission Control's thread timeline. Begun only when a recording enables it
 * at the span's start; its fields are filled only when it is to be committed.
 */
@Name("dev.telltale.Span")
@Label("Telltale Span")
@Category({"Telltale", "Tracing"})
@Description("A sampled span of a trace, from its start to its end, committed on the thread that ended it")
@StackTrace(false)
public final class SpanRecord extends jdk.jfr.Event {

    private static final EventType TYPE = EventType.getEventType(SpanRecord.class);

    @Label("Name")
    public String name;

    @Label("Kind")
    @Description("LOCAL, SERVER, CLIENT, PRODUCER or CONSUMER")
    public String kind;

    @Label("Service")
    public String service;

    @Label("Trace Id")
    @Description("32 lower-case hex digits")
    public String traceId;

    @Label("Span Id")
    @Description("16 lower-case hex digits")
    public String spanId;

    @Label("Parent Id")
    @Description("16 lower-case hex digits, empty for a root span")
    public String parentId;

    @Label("Error")
    @Description("\"ClassName: message\" of the error that ended the span, or empty")
    public String error;

    /** Whether a recording enables the event now. */
    public static boolean enabled() {
        return TYPE.isEnabled();
    }

    /** A begun record when a recording wants spans now, else null. */
    public static SpanRecord begun() {
        if (!TYPE.isEnabled()) {
            return null;
        }
        SpanRecord r = new SpanRecord();
        r.begin();
        return r;
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return TYPE;
    }
}
