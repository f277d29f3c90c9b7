package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR's copy of a Telltale event: {@code dev.telltale.Event}, committed on the emitting thread so
 * JDK Mission Control shows it on that thread's timeline. Only built when a recording enables it.
 */
@Name("dev.telltale.Event")
@Label("Telltale Event")
@Category("Telltale")
@Description("An event emitted through Telltale (a context update, a probe hit, a span, a health report), its fields as JSON")
@StackTrace(false)
public final class EventRecord extends jdk.jfr.Event {

    private static final EventType TYPE = EventType.getEventType(EventRecord.class);

    @Label("Kind")
    @Description("What sort of event, e.g. context.update")
    String kind;

    @Label("Routing Key")
    String routingKey;

    @Label("Source")
    @Description("The id of what emitted the event")
    String source;

    @Label("Sequence")
    @Description("The source's own sequence number")
    long seq;

    @Label("Fields")
    @Description("The event's fields as JSON")
    String fields;

    /** Whether a recording wants these events now: a volatile read, no allocation. */
    public static boolean enabled() {
        return TYPE.isEnabled();
    }

    /** Commits one record. */
    public static void commit(String kind, String routingKey, String source, long seq, String fieldsJson) {
        EventRecord r = new EventRecord();
        if (r.shouldCommit()) {
            r.kind = kind;
            r.routingKey = routingKey;
            r.source = source;
            r.seq = seq;
            r.fields = fieldsJson;
            r.commit();
        }
    }
}
