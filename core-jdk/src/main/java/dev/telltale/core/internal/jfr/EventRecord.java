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
 * It carries what the emitting thread already has, in the forms JFR writes cheaply: the routing key
 * and kind as one name from {@link EventNames} (a string JFR pools), the source id (pooled too
 * when 17 to 127 chars long, as a UUID is) and the sequence number; the fields, which would have
 * to be encoded on that thread, only with {@code telltale.jfr.fields=true}.
 */
@Name("dev.telltale.Event")
@Label("Telltale Event")
@Category("Telltale")
@Description("An event emitted through Telltale (a context update, a probe hit, a span, a health report); its fields as JSON with telltale.jfr.fields=true")
@StackTrace(false)
public final class EventRecord extends jdk.jfr.Event {

    private static final EventType TYPE = EventType.getEventType(EventRecord.class);
    private static final String INITIALIZED_ON = Thread.currentThread().getName();

    @Label("Routing Key and Kind")
    @Description("The routing key, a space and the kind, e.g. 'shop.orders order.placed'")
    String name;

    @Label("Source")
    @Description("The id of what emitted the event")
    String source;

    @Label("Sequence")
    @Description("The source's own sequence number")
    long seq;

    @Label("Fields")
    @Description("The event's fields as JSON when telltale.jfr.fields=true, else empty")
    String fields;

    /** Whether a recording wants these events now: a volatile read, no allocation. */
    public static boolean enabled() {
        return TYPE.isEnabled();
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return TYPE;
    }

    /**
     * The name of the thread that initialized this class, which registered the event type with
     * JFR: for diagnostics, and for the test that shows it is not the first emitting thread.
     */
    public static String initializedOn() {
        return INITIALIZED_ON;
    }

    /** Commits one record; {@code name} comes from {@link EventNames}; {@code fieldsJson} may be null. */
    public static void commit(String name, String source, long seq, String fieldsJson) {
        EventRecord r = new EventRecord();
        if (r.shouldCommit()) {
            r.name = name;
            r.source = source;
            r.seq = seq;
            r.fields = fieldsJson;
            r.commit();
        }
    }
}
