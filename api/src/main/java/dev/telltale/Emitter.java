package dev.telltale;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Stamp;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * Emits events from one source: one routing key, one source id, and the source's own sequence
 * numbers. Get one from {@link Telltale#emitter(String)} and keep it; it is cheap to use and
 * safe to share between threads (sequence numbers stay unique and gap-free per emitter).
 *
 * <p>{@link #emit} never blocks and never throws: it stamps the event and hands it to the
 * pipeline's queue, allocating the event and nothing else. Encoding and I/O happen on
 * Telltale's publisher thread.
 */
public final class Emitter {

    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(Emitter.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Engine engine;
    private final String routingKey;
    private final String source;
    private final Map<String, String> headers;
    @SuppressWarnings("unused") // accessed through SEQ
    private volatile long seq;

    Emitter(Engine engine, String routingKey, String source, Map<String, String> headers) {
        this.engine = engine;
        this.routingKey = routingKey;
        this.source = source;
        this.headers = Map.copyOf(headers);
    }

    /** The routing key of every event this emitter sends. */
    public String routingKey() {
        return routingKey;
    }

    /** The source id of every event this emitter sends. */
    public String source() {
        return source;
    }

    /**
     * Emits one event. A null {@code kind} becomes {@code "event"} and null {@code fields} an
     * empty map: this method is called on the application's hot path and never throws.
     *
     * @param kind what sort of event, for example {@code "order.placed"}
     * @param fields the event's data; see {@link Event} for what is copied and when values are
     *     encoded
     */
    public void emit(String kind, Map<String, ?> fields) {
        Stamp.offer(engine, kind == null ? "event" : kind, routingKey, source, (long) SEQ.getAndAdd(this, 1L) + 1,
                headers, fields);
    }

    /** The sequence number of the last event emitted, 0 before the first. */
    public long lastSeq() {
        return (long) SEQ.getVolatile(this);
    }

    @Override
    public String toString() {
        return "Emitter{" + routingKey + " " + source + "}";
    }
}
