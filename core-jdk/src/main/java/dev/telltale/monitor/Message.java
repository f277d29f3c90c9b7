package dev.telltale.monitor;

import dev.telltale.Event;
import dev.telltale.core.internal.json.JsonPrinter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as the monitor read it: the decoded {@link Event}, its JSON document, and where it
 * came from (routing key, message headers, position). Immutable and thread-safe.
 *
 * <p>The monitor reads two forms: an event's JSON as published (what the file backend writes,
 * and what the brokers carry), and the {@linkplain #toVerboseMap() verbose wrapper} the command
 * line prints with {@code -v}, {@code {"routingKey":…,"headers":{…},"position":…,"event":{…}}}.
 * Either way {@link #document()} is the event's object.
 */
public final class Message {

    private final Event event;
    private final Map<String, Object> document;
    private final String routingKey;
    private final Map<String, String> headers;
    private final String positionName;
    private final long positionLine;
    private final byte[] json;
    private final ObjectKey key;

    /**
     * @param json the event's JSON exactly as read, or null to print it from the document
     * @param positionLine the line after {@code positionName}, or -1 when the name is the whole
     *     position
     */
    Message(Event event, Map<String, Object> document, String routingKey, Map<String, String> headers,
            String positionName, long positionLine, byte[] json) {
        this.event = event;
        this.document = document;
        this.routingKey = routingKey;
        this.headers = headers;
        this.positionName = positionName;
        this.positionLine = positionLine;
        this.json = json;
        this.key = new ObjectKey(event.host(), event.pid(), event.source());
    }

    /** The object its event belongs to, if it is a context's: host, process and source. */
    ObjectKey key() {
        return key;
    }

    /** The event, decoded. */
    public Event event() {
        return event;
    }

    /**
     * The event's JSON object as parsed: members in document order, unknown members included,
     * numbers as {@code Long} or {@code Double}. Unmodifiable at the top level; do not modify the
     * maps and lists inside it either.
     */
    public Map<String, Object> document() {
        return document;
    }

    /**
     * The routing key the message travelled under: the envelope's on a broker, the event's own
     * {@code routingKey} in a file or on standard input, the wrapper's in the verbose form.
     */
    public String routingKey() {
        return routingKey;
    }

    /**
     * The message headers the transport carried (AMQP or Kafka headers; in the verbose form, the
     * wrapper's {@code headers}); empty for files. The event's own headers are in {@link
     * Event#headers()}.
     */
    public Map<String, String> headers() {
        return headers;
    }

    /** The file or input name of {@link #position()}. */
    String positionName() {
        return positionName;
    }

    /** The line after {@link #positionName()}, or -1 when the name is the whole position. */
    long positionLine() {
        return positionLine;
    }

    /** Where it was read: {@code stdin:17}, {@code events.jsonl:42}, a partition and offset. */
    public String position() {
        return positionLine < 0 ? positionName : positionName + ":" + positionLine;
    }

    /**
     * The event's JSON on one line: the bytes as read when the input was the event itself (so
     * output is identical to what was published), else the document printed compactly.
     */
    public String json() {
        return json != null ? new String(json, StandardCharsets.UTF_8) : JsonPrinter.compact(document);
    }

    /**
     * The verbose form: {@code {"routingKey":…,"headers":{…},"position":…,"event":{…}}}, which
     * the monitor also reads back.
     */
    public Map<String, Object> toVerboseMap() {
        Map<String, Object> map = new LinkedHashMap<>(8);
        map.put("routingKey", routingKey);
        map.put("headers", headers);
        map.put("position", position());
        map.put("event", document);
        return map;
    }

    @Override
    public String toString() {
        return "Message{" + position() + ", " + event.kind() + ", " + event.source() + "#" + event.seq() + "}";
    }
}
