package dev.telltale.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One message as a backend sees it: a routing key, headers and an opaque payload.
 *
 * <p>On the publishing side the payload is the event's UTF-8 JSON (one object, no line breaks;
 * see {@code docs/EVENTS.md}) and the headers are the event's headers plus {@code
 * telltale-kind}. On the consuming side a backend returns what it received; a backend that
 * stores only the payload (the file backend) may return empty headers.
 *
 * <p>The payload array is not copied: neither side may modify it after handing it over.
 *
 * @param routingKey dot-separated words, matched by {@link TopicPattern}s
 * @param headers message headers, never null
 * @param payload the message body, never null
 */
public record Envelope(String routingKey, Map<String, String> headers, byte[] payload) {

    /** Header carrying the event's kind. */
    public static final String KIND_HEADER = "telltale-kind";

    /** The content type of every payload Telltale publishes. */
    public static final String CONTENT_TYPE = "application/json";

    /**
     * Checks for nulls and freezes the headers.
     *
     * @throws NullPointerException if a component is null
     */
    public Envelope {
        Objects.requireNonNull(routingKey, "routingKey == null");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers == null"));
        Objects.requireNonNull(payload, "payload == null");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e
                && routingKey.equals(e.routingKey)
                && headers.equals(e.headers)
                && java.util.Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(routingKey, headers) * 31 + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Envelope{" + routingKey + ", " + headers + ", " + payload.length + " bytes}";
    }
}
