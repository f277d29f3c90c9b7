package dev.telltale.junit.internal;

import dev.telltale.Event;
import dev.telltale.tool.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a published payload (an event's JSON, see {@code docs/EVENTS.md}) back into an {@link
 * Event}. The JSON is read by {@link Json#parseObject}, the reader the monitor uses, so field
 * values come back as the monitor sees them: integers as {@code Long}, other numbers as {@code
 * Double}, objects as maps, arrays as lists. Members it does not know are ignored, as the format
 * asks of every decoder; {@code headers} and {@code fields} may be absent.
 *
 * <p>Stateless and thread-safe.
 */
final class EventDecoder {

    private EventDecoder() {}

    /**
     * The event in {@code payload}.
     *
     * @throws IllegalArgumentException if the payload is not one JSON object, or a member is
     *     missing or of the wrong type; the message names it
     */
    static Event decode(byte[] payload) {
        Map<String, Object> doc = Json.parseObject(payload, 0, payload.length);
        return Event.builder()
                .kind(text(doc, "kind"))
                .routingKey(text(doc, "routingKey"))
                .source(text(doc, "source"))
                .seq(integer(doc, "seq"))
                .time(time(doc))
                .thread(text(doc, "thread"))
                .host(text(doc, "host"))
                .pid(integer(doc, "pid"))
                .headers(headers(doc))
                .fields(fields(doc))
                .build();
    }

    private static Object member(Map<String, Object> doc, String name) {
        Object value = doc.get(name);
        if (value == null) {
            throw new IllegalArgumentException("event member \"" + name + "\" is "
                    + (doc.containsKey(name) ? "null" : "missing"));
        }
        return value;
    }

    private static String text(Map<String, Object> doc, String name) {
        if (member(doc, name) instanceof String s) {
            return s;
        }
        throw wrongType(doc, name, "a string");
    }

    private static long integer(Map<String, Object> doc, String name) {
        if (member(doc, name) instanceof Long n) {
            return n;
        }
        throw wrongType(doc, name, "an integer of at most 64 bits");
    }

    private static Instant time(Map<String, Object> doc) {
        String text = text(doc, "time");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event member \"time\" must be an ISO-8601 instant but was \"" + text
                    + "\"", e);
        }
    }

    private static Map<String, String> headers(Map<String, Object> doc) {
        if (!doc.containsKey("headers")) {
            return Map.of();
        }
        if (!(doc.get("headers") instanceof Map<?, ?> map)) {
            throw wrongType(doc, "headers", "an object");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String value)) {
                throw new IllegalArgumentException("event member \"headers\" must hold strings, but \"" + e.getKey()
                        + "\" is " + typeOf(e.getValue()));
            }
            headers.put(String.valueOf(e.getKey()), value);
        }
        return headers;
    }

    @SuppressWarnings("unchecked") // the reader makes every object a Map<String, Object>
    private static Map<String, Object> fields(Map<String, Object> doc) {
        if (!doc.containsKey("fields")) {
            return Map.of();
        }
        if (doc.get("fields") instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(doc, "fields", "an object");
    }

    private static IllegalArgumentException wrongType(Map<String, Object> doc, String name, String wanted) {
        return new IllegalArgumentException("event member \"" + name + "\" must be " + wanted + " but is "
                + typeOf(doc.get(name)));
    }

    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof Map<?, ?> ? "an object" : "an array";
    }
}
