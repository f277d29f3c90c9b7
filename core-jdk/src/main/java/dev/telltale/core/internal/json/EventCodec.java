package dev.telltale.core.internal.json;

import dev.telltale.Event;
import dev.telltale.internal.Events;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON form of an {@link Event}, members in this order:
 *
 * <pre>{@code
 * {"kind":"…","routingKey":"…","source":"…","seq":1,"time":"2026-11-21T23:37:58.123456789Z",
 *  "thread":"main","host":"h","pid":42,"headers":{"k":"v"},"fields":{…}}
 * }</pre>
 *
 * <p>{@code time} is UTC with exactly nine fractional digits (years outside 0000–9999 as ISO-8601
 * expanded years, {@code +10000}); {@code headers} is left out when empty; {@code fields} is
 * always present. Field values are written by {@link JsonWriter#value(Object)}.
 *
 * <p><b>Size.</b> The envelope (the metadata and the headers) is written whole: its strings are
 * cut at {@code maxChars} and the headers at {@code maxItems}, never by bytes. The fields get
 * what remains of {@code maxBytes}: an event whose JSON fits is written whole; otherwise the
 * fields are walked again and cut, with {@code $cut} markers, so that the event ends within
 * {@code maxBytes} (see {@link JsonWriter#boundedValue}). An encoded event is longer than {@code
 * maxBytes} only when its envelope leaves no room for even the cut form of the fields ({@code
 * "fields":{"$cut":"size"}}); the publisher drops those as too large. Note that {@code maxDepth}
 * counts the event object and the fields object, so containers in field values have {@code
 * maxDepth - 2} levels.
 *
 * <p>Encoding is not thread-safe (use one codec per thread); decoding is static and
 * thread-safe.
 */
public final class EventCodec {

    private static final byte[] KIND = name("kind");
    private static final byte[] ROUTING_KEY = name("routingKey");
    private static final byte[] SOURCE = name("source");
    private static final byte[] SEQ = name("seq");
    private static final byte[] TIME = name("time");
    private static final byte[] THREAD = name("thread");
    private static final byte[] HOST = name("host");
    private static final byte[] PID = name("pid");
    private static final byte[] HEADERS = name("headers");
    private static final byte[] FIELDS = name("fields");

    private final JsonWriter writer;
    private final InstantText times = new InstantText();

    public EventCodec(JsonLimits limits) {
        this.writer = new JsonWriter(limits);
    }

    /** The event's JSON as a new array of exactly its size. Never throws but fatally. */
    public byte[] encode(Event event) {
        writer.reset();
        encodeTo(event, writer);
        return writer.toByteArray();
    }

    /** Writes the event's JSON as the next value of {@code w}. Never throws but fatally. */
    public void encodeTo(Event event, JsonWriter w) {
        int start = w.size();
        w.beginObject();
        w.liftBudget();
        w.forcedName(KIND);
        w.string(event.kind());
        w.forcedName(ROUTING_KEY);
        w.string(event.routingKey());
        w.forcedName(SOURCE);
        w.string(event.source());
        w.forcedName(SEQ);
        w.number(event.seq());
        w.forcedName(TIME);
        if (w.enterValue()) {
            times.write(event.time(), w.out);
        }
        w.forcedName(THREAD);
        w.string(event.thread());
        w.forcedName(HOST);
        w.string(event.host());
        w.forcedName(PID);
        w.number(event.pid());
        if (!event.headers().isEmpty()) {
            w.forcedName(HEADERS);
            w.value(event.headers());
        }
        w.forcedName(FIELDS);
        long end = Math.min((long) start + w.limits().maxBytes() - 1, ByteOutput.MAX_CAPACITY);
        w.boundedValue(event.fields(), (int) end); // - 1: the closing brace
        w.restoreBudget();
        w.endObject();
    }

    /** Decodes an event from UTF-8 JSON; throws as {@link #decode(Map)} does. */
    public static Event decode(byte[] bytes, int offset, int length) {
        return decode(JsonReader.parseObject(bytes, offset, length));
    }

    /** Decodes an event from JSON text; throws as {@link #decode(Map)} does. */
    public static Event decode(String json) {
        return decode(JsonReader.parseObject(json));
    }

    /**
     * Makes an event of a parsed JSON object. Unknown members are ignored; {@code headers} and
     * {@code fields} may be absent (empty).
     *
     * @throws IllegalArgumentException naming the member if one of {@code kind}, {@code
     *     routingKey}, {@code source}, {@code seq}, {@code time}, {@code thread}, {@code host},
     *     {@code pid} is missing or of the wrong type, if {@code headers} is not an object of
     *     strings, or if {@code fields} is not an object ({@link JsonException} when the text
     *     is not JSON)
     */
    public static Event decode(Map<String, Object> parsed) {
        Objects.requireNonNull(parsed, "parsed == null");
        return Events.create(
                text(parsed, "kind"),
                text(parsed, "routingKey"),
                text(parsed, "source"),
                integer(parsed, "seq"),
                time(parsed),
                text(parsed, "thread"),
                text(parsed, "host"),
                integer(parsed, "pid"),
                headers(parsed),
                fields(parsed));
    }

    private static Object member(Map<String, Object> parsed, String name) {
        Object value = parsed.get(name);
        if (value == null && !parsed.containsKey(name)) {
            throw new IllegalArgumentException("event member \"" + name + "\" is missing");
        }
        return value;
    }

    private static String text(Map<String, Object> parsed, String name) {
        Object value = member(parsed, name);
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(name, "a string", value);
    }

    private static long integer(Map<String, Object> parsed, String name) {
        Object value = member(parsed, name);
        if (value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw wrongType(name, "an integer of at most 64 bits", value);
    }

    private static Instant time(Map<String, Object> parsed) {
        String text = text(parsed, "time");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event member \"time\" must be an ISO-8601 instant"
                    + " but was \"" + text + "\"", e);
        }
    }

    private static Map<String, String> headers(Map<String, Object> parsed) {
        if (!parsed.containsKey("headers")) {
            return Map.of();
        }
        Object value = parsed.get("headers");
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType("headers", "an object", value);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof String s)) {
                throw new IllegalArgumentException("event member \"headers\" must be an object of"
                        + " strings, but \"" + key + "\" is " + typeName(entry.getValue()));
            }
            headers.put(key, s);
        }
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> parsed) {
        if (!parsed.containsKey("fields")) {
            return Map.of();
        }
        Object value = parsed.get("fields");
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType("fields", "an object", value);
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                return copy;
            }
        }
        return (Map<String, Object>) map;
    }

    private static IllegalArgumentException wrongType(String name, String expected, Object found) {
        return new IllegalArgumentException("event member \"" + name + "\" must be " + expected
                + " but was " + typeName(found));
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static byte[] name(String name) {
        return JsonWriter.encodedName(name);
    }
}
