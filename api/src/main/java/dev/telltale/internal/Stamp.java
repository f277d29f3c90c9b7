package dev.telltale.internal;

import dev.telltale.Event;
import java.time.Instant;
import java.util.Map;

/**
 * Stamps an event with now, the current thread and the process, and offers it to an engine:
 * what every capability does on the application's thread. Never throws (fatal errors aside), and
 * allocates the event and nothing else (with fields that are {@code Map.of} maps or {@link
 * Fields}).
 *
 * <p>Fields that cannot be read (a map that throws while it is copied, say, because another
 * thread modifies it) do not lose the event: it is sent with the one field {@code "$error"}
 * saying what went wrong.
 */
public final class Stamp {

    /** The field that replaces fields that could not be read. */
    public static final String ERROR_FIELD = "$error";

    private Stamp() {}

    /** Makes the event and offers it to {@code engine}; never throws. */
    public static void offer(Engine engine, String kind, String routingKey, String source, long seq,
            Map<String, String> headers, Map<String, ?> fields) {
        try {
            Event event;
            Instant now = Instant.now();
            String thread = Thread.currentThread().getName();
            try {
                event = Events.create(kind, routingKey, source, seq, now, thread, engine.host(), engine.pid(), headers,
                        fields);
            } catch (RuntimeException e) {
                event = Events.create(kind, routingKey, source, seq, now, thread, engine.host(), engine.pid(), headers,
                        unreadable(e));
            }
            engine.offer(event);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    /** The fields of an event whose own fields could not be read because of {@code failure}. */
    public static Map<String, Object> unreadable(Throwable failure) {
        String message;
        try {
            message = failure.getMessage();
        } catch (RuntimeException e) {
            message = null;
        }
        return Map.of(ERROR_FIELD, "the fields could not be read: " + failure.getClass().getName()
                + (message == null ? "" : ": " + message));
    }
}
