package dev.telltale.trace;

/**
 * Starts spans for one service (its {@link #serviceName()} is the finished spans' local service).
 * Made by {@link Tracing#tracer}; cheap to make, safe to keep and share between threads.
 *
 * <pre>{@code
 * Tracer tracer = Tracing.global().tracer("orders");
 * try (Span span = tracer.span("query-db")) {
 *     span.tag("rows", rows.size());
 * }
 * }</pre>
 *
 * <p>Never blocks and never throws but for the documented argument checks; where tracing is off
 * every span is an unsampled no-op.
 */
public interface Tracer {

    /** The service these spans belong to. */
    String serviceName();

    /**
     * Starts a {@link SpanKind#LOCAL} span named {@code name}, a child of the calling thread's
     * current span or a new trace's root, and makes it current until it is closed.
     *
     * @throws NullPointerException if {@code name} is null
     */
    Span span(String name);

    /**
     * Starts a span of {@code kind} named {@code name}; otherwise as {@link #span(String)}.
     *
     * @throws NullPointerException if an argument is null
     */
    Span span(String name, SpanKind kind);

    /**
     * A builder for a span named {@code name}, for an explicit parent or a span that is not made
     * current.
     *
     * @throws NullPointerException if {@code name} is null
     */
    SpanBuilder spanBuilder(String name);
}
