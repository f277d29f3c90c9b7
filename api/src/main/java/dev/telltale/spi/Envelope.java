package dev.telltale.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One message as a backend sees it: a routing key, a key, headers and an opaque payload.
 *
 * <p>On the publishing side the payload is the event's UTF-8 JSON (one object, no line breaks;
 * see {@code docs/EVENTS.md}), the key is the event's source id and the headers are the event's
 * headers plus {@code telltale-kind}. On the consuming side a backend returns what it received; a
 * backend that stores only the payload (the file backend) may return empty headers and an empty
 * key.
 *
 * <p>The payload array is not copied: neither side may modify it after handing it over.
 *
 * @param routingKey dot-separated words, matched by {@link TopicPattern}s
 * @param key what orders and partitions messages: every event of one source (an emitter, a
 *     context) has the same key, and a backend that partitions (Kafka) keeps one key's messages
 *     in one partition, in order; never null, empty when unknown
 * @param headers message headers, never null
 * @param payload the message body, never null
 */
public record Envelope(String routingKey, String key, Map<String, String> headers, byte[] payload) {

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
        Objects.requireNonNull(key, "key == null");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers == null"));
        Objects.requireNonNull(payload, "payload == null");
    }

    /**
     * An envelope without a key, for messages that carry none (what a consuming side reads from a
     * store that keeps only routing keys or payloads).
     *
     * @throws NullPointerException if a component is null
     */
    public Envelope(String routingKey, Map<String, String> headers, byte[] payload) {
        this(routingKey, "", headers, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e
                && routingKey.equals(e.routingKey)
                && key.equals(e.key)
                && headers.equals(e.headers)
                && java.util.Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(routingKey, key, headers) * 31 + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Envelope{" + routingKey + (key.isEmpty() ? "" : ", key " + key) + ", " + headers + ", "
                + payload.length + " bytes}";
    }
}
