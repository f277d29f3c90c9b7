package dev.telltale.monitor;

import dev.telltale.Event;
import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.core.internal.json.StringCache;
import dev.telltale.spi.TopicPattern;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one line or payload into a {@link Message}: parses the JSON, unwraps the verbose form,
 * decodes the event, and applies the topic patterns to its routing key. Malformed input is
 * counted and handed to the callback; it never throws because of the data. Used by one thread.
 */
final class MessageDecoder {

    private final TopicPattern[] patterns;
    private final boolean keepJson;
    private final Counters counters;
    private final Consumer<? super MalformedInput> onMalformed;
    private final EventDecoding events = new EventDecoding();
    /** Member names and short values of earlier lines: one String each, its hash computed once. */
    private final StringCache strings = new StringCache();

    /**
     * @param keepJson keep each event's bytes as read, for {@link Message#json()}
     */
    MessageDecoder(List<TopicPattern> patterns, boolean keepJson, Counters counters,
            Consumer<? super MalformedInput> onMalformed) {
        this.patterns = patterns.toArray(new TopicPattern[0]);
        this.keepJson = keepJson;
        this.counters = counters;
        this.onMalformed = onMalformed;
    }

    /**
     * Decodes {@code length} bytes at {@code offset}.
     *
     * @param shared whether the array is reused by the caller (the bytes kept are then copied)
     * @param routingKey the envelope's routing key, or null to use the event's
     * @param headers the envelope's headers
     * @param positionLine the line after {@code positionName}, or -1 when the name is the position
     * @return the message, or null if it is malformed (reported) or no pattern matches
     */
    Message decode(byte[] bytes, int offset, int length, boolean shared, String routingKey, Map<String, String> headers,
            String positionName, long positionLine) {
        Map<String, Object> document;
        try {
            document = JsonReader.parseObject(bytes, offset, length, strings);
        } catch (IllegalArgumentException e) {
            return malformed(positionName, positionLine, e.getMessage());
        }
        byte[] json = null;
        if (!document.containsKey("kind") && document.get("event") instanceof Map<?, ?> inner) {
            Object key = document.get("routingKey");
            Map<String, String> wrapperHeaders = strings(document.get("headers"));
            if (key != null && !(key instanceof String) || wrapperHeaders == null) {
                return malformed(positionName, positionLine, "in the verbose form, \"routingKey\" must be a string"
                        + " and \"headers\" an object of strings");
            }
            routingKey = (String) key;
            headers = wrapperHeaders;
            document = cast(inner);
        } else if (!document.containsKey("kind") && document.containsKey("complete")
                && document.containsKey("messages")) {
            return malformed(positionName, positionLine, "a collated object (what --collate prints), not an"
                    + " event: standard input takes events and what --verbose prints");
        } else if (keepJson) {
            json = trimmed(bytes, offset, length, shared);
        }
        Event event;
        try {
            event = events.decode(document);
        } catch (IllegalArgumentException e) {
            return malformed(positionName, positionLine, e.getMessage());
        }
        if (!wanted(event.routingKey())) {
            counters.filtered++;
            return null;
        }
        counters.messages++;
        return new Message(event, Collections.unmodifiableMap(document), routingKey == null ? event.routingKey() : routingKey,
                headers, positionName, positionLine, json);
    }

    private boolean wanted(String routingKey) {
        if (patterns.length == 0) {
            return true;
        }
        for (TopicPattern pattern : patterns) {
            if (pattern.matches(routingKey)) {
                return true;
            }
        }
        return false;
    }

    private Message malformed(String positionName, long positionLine, String reason) {
        counters.malformed++;
        String position = positionLine < 0 ? positionName : positionName + ":" + positionLine;
        onMalformed.accept(new MalformedInput(position, reason));
        return null;
    }

    /** Reports a line the input could not even hand over (too long). */
    void malformedLine(String positionName, long positionLine, String reason) {
        malformed(positionName, positionLine, reason);
    }

    private static Map<String, String> strings(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String s)) {
                return null;
            }
            headers.put(String.valueOf(entry.getKey()), s);
        }
        return Collections.unmodifiableMap(headers);
    }

    private static byte[] trimmed(byte[] bytes, int offset, int length, boolean shared) {
        int from = offset;
        int to = offset + length;
        while (from < to && isBlank(bytes[from])) {
            from++;
        }
        while (to > from && isBlank(bytes[to - 1])) {
            to--;
        }
        if (!shared && from == 0 && to == bytes.length) {
            return bytes;
        }
        return Arrays.copyOfRange(bytes, from, to);
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
