package dev.telltale;

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
 * @param kind what sort of event this is, for example {@code context.update} or {@code
 *     telltale.health}
 * @param routingKey dot-separated words that consumers subscribe to with topic patterns
 * @param source the id of what emitted the event (a context id, a probe id, the pipeline)
 * @param seq the source's own sequence number, starting at 1, so a consumer can order a
 *     source's events and notice gaps
 * @param time when the event happened
 * @param thread the name of the thread that emitted it
 * @param host the host name of the emitting process
 * @param pid the process id of the emitting process
 * @param headers message headers that travel beside the payload (AMQP headers, Kafka headers)
 * @param fields the event's own data
 */
public record Event(
        String kind,
        String routingKey,
        String source,
        long seq,
        Instant time,
        String thread,
        String host,
        long pid,
        Map<String, String> headers,
        Map<String, Object> fields) {

    private static final Class<?> MAP_OF_ONE = Map.of("k", "v").getClass();
    private static final Class<?> MAP_OF_N = Map.of().getClass();

    /**
     * Checks that the identifying components are present and makes {@code headers} and {@code
     * fields} unmodifiable.
     *
     * @throws NullPointerException if {@code kind}, {@code routingKey}, {@code source}, {@code
     *     time}, {@code thread} or {@code host} is null
     */
    public Event {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(routingKey, "routingKey == null");
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(time, "time == null");
        Objects.requireNonNull(thread, "thread == null");
        Objects.requireNonNull(host, "host == null");
        headers = frozen(headers);
        fields = frozen(fields);
    }

    /** Returns the value of field {@code name}, or null when it is absent or null. */
    public Object field(String name) {
        return fields.get(name);
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
}
