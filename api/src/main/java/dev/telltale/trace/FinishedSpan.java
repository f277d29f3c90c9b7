package dev.telltale.trace;

import dev.telltale.internal.TagMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A span after it ended, as reporters see it (the pipeline's {@code span} event, JFR, Zipkin).
 * Immutable; the collections are unmodifiable copies (tags a span recorded are kept without a copy,
 * being immutable once it ended).
 *
 * @param context the span's ids and flags
 * @param name the operation, for example {@code "GET /orders"}
 * @param kind its kind
 * @param localService the service that recorded it
 * @param remote the other side of a client, server, producer or consumer span, or null
 * @param startEpochMicros when it began, microseconds since the epoch
 * @param durationNanos how long it took
 * @param tags string tags, in the order first set
 * @param annotations timestamped notes, in order
 * @param error the message of the error that ended it ({@code "ClassName: message"}), or null
 */
public record FinishedSpan(SpanContext context, String name, SpanKind kind, String localService,
        Endpoint remote, long startEpochMicros, long durationNanos, Map<String, String> tags,
        List<Annotation> annotations, String error) {

    /** The other side of an interaction: service name, IP address (or null) and port (0 unknown). */
    public record Endpoint(String serviceName, String ip, int port) {
    }

    /** A note at a point in time, microseconds since the epoch. */
    public record Annotation(long epochMicros, String value) {
        public Annotation {
            Objects.requireNonNull(value, "value == null");
        }
    }

    public FinishedSpan {
        Objects.requireNonNull(context, "context == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(localService, "localService == null");
        if (!(tags instanceof TagMap)) { // a span's own tags are immutable already: no copy
            tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        }
        annotations = List.copyOf(annotations);
    }
}
