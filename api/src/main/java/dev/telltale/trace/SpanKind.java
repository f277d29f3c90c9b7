package dev.telltale.trace;

/** What side of an interaction a span records; as in Zipkin v2 and OpenTelemetry. */
public enum SpanKind {
    /** Work inside one process (Zipkin: no kind). */
    LOCAL,
    /** Handling a request that came from elsewhere. */
    SERVER,
    /** Sending a request and waiting for its answer. */
    CLIENT,
    /** Sending a message no answer is awaited for. */
    PRODUCER,
    /** Receiving such a message. */
    CONSUMER
}
