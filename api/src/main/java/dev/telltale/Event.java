package dev.telltale;

import dev.telltale.internal.Events;
import dev.telltale.internal.Fields;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened, as Telltale publishes it: immutable, and the same whichever
 * capability produced it (a context update, a probe hit, a span, a health report).
 *
 * <p>The JSON form of every kind is documented in {@code docs/EVENTS.md}.
 *
 * <p><b>Values.</b> {@link #fields()} may hold any objects. They are captured by reference and
 * encoded later, on Telltale's publisher thread, so hand over values you no longer mutate
 * (strings, numbers, records, immutable collections). A value that cannot be encoded never fails
 * the event: it is published as a {@code {"$type":…,"$repr":…}} representation.
 *
 * <p><b>Copies.</b> {@code headers} and {@code fields} are copied into unmodifiable maps that
 * keep the caller's iteration order, unless they already are unmodifiable maps made by {@code
 * Map.of} or {@code Map.copyOf}, which are kept as they are (no allocation on the hot path).
 * Null values are allowed; a null key becomes the key {@code "null"}. When a map has both a null
 * key and {@code "null"}, the later of the two becomes {@code "null#2"}, so that no value is lost
 * (the rule for keys that collide as text, see {@code docs/EVENTS.md}).
 *
 * <p><b>Making one.</b> Applications get events from Telltale (an {@link Emitter} makes them);
 * tests, decoders and tools build them with {@link #builder()} or change a copy with {@link
 * #toBuilder()}. New data (trace ids, a probe's own data) arrives as new accessors and builder
 * methods, so code that builds or reads events keeps compiling (see {@code RATIONALE.md}).
 *
 * <p>Instances are immutable and safe to share between threads; {@link #equals} compares every
 * component.
 */
public final class Event {

    private static final Class<?> MAP_OF_ONE = Map.of("k", "v").getClass();
    private static final Class<?> MAP_OF_N = Map.of().getClass();

    static {
        // Telltale's own stamping makes events without a builder (one allocation per emit)
        Events.register(Event::new);
    }

    private final String kind;
    private final String routingKey;
    private final String source;
    private final long seq;
    private final Instant time;
    private final String thread;
    private final String host;
    private final long pid;
    private final Map<String, String> headers;
    private final Map<String, Object> fields;

    private Event(String kind, String routingKey, String source, long seq, Instant time, String thread, String host,
            long pid, Map<String, String> headers, Map<String, ?> fields) {
        this.kind = Objects.requireNonNull(kind, "kind == null");
        this.routingKey = Objects.requireNonNull(routingKey, "routingKey == null");
        this.source = Objects.requireNonNull(source, "source == null");
        this.seq = seq;
        this.time = Objects.requireNonNull(time, "time == null");
        this.thread = Objects.requireNonNull(thread, "thread == null");
        this.host = Objects.requireNonNull(host, "host == null");
        this.pid = pid;
        this.headers = frozen(headers);
        this.fields = frozen(fields);
    }

    /**
     * A builder for an event. {@code kind}, {@code routingKey}, {@code source}, {@code time},
     * {@code thread} and {@code host} must be set; the rest have defaults.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this event's components, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kind = kind;
        b.routingKey = routingKey;
        b.source = source;
        b.seq = seq;
        b.time = time;
        b.thread = thread;
        b.host = host;
        b.pid = pid;
        b.headers = headers;
        b.fields = fields;
        return b;
    }

    /** What sort of event this is, for example {@code context.update} or {@code telltale.health}. */
    public String kind() {
        return kind;
    }

    /** Dot-separated words that consumers subscribe to with topic patterns. */
    public String routingKey() {
        return routingKey;
    }

    /** The id of what emitted the event (a context id, a probe id, the pipeline). */
    public String source() {
        return source;
    }

    /**
     * The source's own sequence number, starting at 1, so a consumer can order a source's events
     * and notice gaps.
     */
    public long seq() {
        return seq;
    }

    /** When the event happened. */
    public Instant time() {
        return time;
    }

    /** The name of the thread that emitted it. */
    public String thread() {
        return thread;
    }

    /** The host name of the emitting process. */
    public String host() {
        return host;
    }

    /** The process id of the emitting process. */
    public long pid() {
        return pid;
    }

    /** Message headers that travel beside the payload (AMQP headers, Kafka headers); unmodifiable. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The event's own data; unmodifiable, in the order it was given. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** Returns the value of field {@code name}, or null when it is absent or null. */
    public Object field(String name) {
        return fields.get(name);
    }

    /** Whether {@code o} is an event with equal components. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Event e
                && seq == e.seq && pid == e.pid
                && kind.equals(e.kind) && routingKey.equals(e.routingKey) && source.equals(e.source)
                && time.equals(e.time) && thread.equals(e.thread) && host.equals(e.host)
                && headers.equals(e.headers) && fields.equals(e.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, routingKey, source, seq, time, thread, host, pid, headers, fields);
    }

    /** Every component, as {@code Event[kind=…, routingKey=…, …]}. */
    @Override
    public String toString() {
        return "Event[kind=" + kind + ", routingKey=" + routingKey + ", source=" + source + ", seq=" + seq
                + ", time=" + time + ", thread=" + thread + ", host=" + host + ", pid=" + pid
                + ", headers=" + headers + ", fields=" + fields + "]";
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> frozen(Map<String, ? extends V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Class<?> type = map.getClass();
        if (type == MAP_OF_ONE || type == MAP_OF_N || type == Fields.class) {
            return (Map<String, V>) map;
        }
        LinkedHashMap<String, V> copy = new LinkedHashMap<>(Math.max(4, map.size() * 4 / 3 + 1));
        for (Map.Entry<String, ? extends V> entry : map.entrySet()) {
            String key = entry.getKey() == null ? "null" : entry.getKey();
            V value = entry.getValue();
            int size = copy.size();
            V earlier = copy.put(key, value);
            if (copy.size() == size) { // a null key beside "null" (or a map with odd equality)
                copy.put(key, earlier);
                copy.put(Fields.uniqueKey(key, copy::containsKey), value);
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Makes an {@link Event}. Not thread-safe; build on one thread. A builder can be used again:
     * each {@link #build()} makes a new event from the values set so far.
     */
    public static final class Builder {

        private String kind;
        private String routingKey;
        private String source;
        private long seq;
        private Instant time;
        private String thread;
        private String host;
        private long pid;
        private Map<String, String> headers = Map.of();
        private Map<String, ?> fields = Map.of();

        private Builder() {}

        /** What sort of event this is; required. */
        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /** The routing key; required. */
        public Builder routingKey(String routingKey) {
            this.routingKey = routingKey;
            return this;
        }

        /** The id of what emitted the event; required. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** The source's sequence number. Default 0. */
        public Builder seq(long seq) {
            this.seq = seq;
            return this;
        }

        /** When the event happened; required. */
        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        /** The name of the emitting thread; required. */
        public Builder thread(String thread) {
            this.thread = thread;
            return this;
        }

        /** The host name of the emitting process; required. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The process id of the emitting process. Default 0. */
        public Builder pid(long pid) {
            this.pid = pid;
            return this;
        }

        /** Message headers; copied as {@link Event} says. Default none; null means none. */
        public Builder headers(Map<String, String> headers) {
            this.headers = headers;
            return this;
        }

        /** The event's data; copied as {@link Event} says. Default none; null means none. */
        public Builder fields(Map<String, ?> fields) {
            this.fields = fields;
            return this;
        }

        /**
         * A new event with these values.
         *
         * @throws NullPointerException if {@code kind}, {@code routingKey}, {@code source}, {@code
         *     time}, {@code thread} or {@code host} is not set; the message names it
         */
        public Event build() {
            return new Event(kind, routingKey, source, seq, time, thread, host, pid, headers, fields);
        }
    }
}
