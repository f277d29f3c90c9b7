package dev.telltale.trace;

/**
 * One timed operation of a trace, as made by {@link Tracer#span}: {@code try (Span span =
 * tracer.span("query-db")) { span.tag("rows", n); }}. A span made by {@link Tracer#span} is the
 * current span of the thread that made it until it is closed; {@link #close()} ends it and makes
 * the span that was current before it current again.
 *
 * <p><b>Sampled and unsampled.</b> A span the sampler kept {@link #isRecording() records}: its
 * tags, annotations, error and remote side go with it to the pipeline ({@code span} event), to JFR
 * ({@code dev.telltale.Span}) and to every configured reporter when it ends. An unsampled span
 * records nothing, and every method but {@link #context()}, {@link #makeCurrent()}, {@link #end()}
 * and {@link #close()} does nothing and costs next to nothing (no allocation); it still carries
 * its trace's ids, so that calls it makes to other services propagate the decision.
 *
 * <p><b>Ending.</b> A span ends once: the first {@link #end()} or {@link #close()} records it;
 * later calls, and calls to the recording methods after the end, do nothing. Its duration is
 * measured with {@link System#nanoTime()} from its start.
 *
 * <p><b>Scopes closed out of order.</b> Each thread keeps a stack of current spans. Closing a span
 * (or a {@link Scope}) that is not the innermost one removes it from the stack and leaves the
 * innermost one current. A span made current by its start stops being current when it ends,
 * wherever it ends (a span ended on another thread leaves the stack of the thread it started on);
 * a span made current by {@link #makeCurrent()} or carried into a task by {@link
 * Tracing#wrap(Runnable)} stays current there until that scope or task ends, even if the span
 * has ended meanwhile, so that work it handed off still belongs to its trace.
 *
 * <p><b>Threads.</b> The recording methods are meant for one thread at a time (the one running
 * the operation, or one it hands the span to with a happens-before edge, such as an executor's
 * submit); {@link #end()} may be called from any thread. No method blocks or throws but for the
 * documented argument checks.
 */
public interface Span extends AutoCloseable {

    /**
     * Sets tag {@code key} to {@code value}; a later value for the same key replaces it.
     *
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    Span tag(String key, String value);

    /** Sets tag {@code key} to the decimal {@code value}; as {@link #tag(String, String)}. */
    Span tag(String key, long value);

    /** Sets tag {@code key} to {@code value} as {@link Double#toString(double)} writes it. */
    Span tag(String key, double value);

    /** Sets tag {@code key} to {@code "true"} or {@code "false"}. */
    Span tag(String key, boolean value);

    /**
     * Adds a timestamped note, such as {@code "cache miss"}.
     *
     * @throws NullPointerException if {@code value} is null
     */
    Span annotate(String value);

    /**
     * Marks the span as failed by {@code error}: the finished span's {@link FinishedSpan#error()}
     * is {@code "ClassName: message"} (reporters such as Zipkin's make it the {@code error} tag).
     * The last error set wins.
     *
     * @throws NullPointerException if {@code error} is null
     */
    Span error(Throwable error);

    /**
     * Names the other side of a client, server, producer or consumer span.
     *
     * @param service the remote service's name, or null if unknown
     * @param ip its IPv4 or IPv6 address as text, or null if unknown
     * @param port its port, 0 if unknown
     * @throws IllegalArgumentException if {@code port} is not in 0..65535
     */
    Span remote(String service, String ip, int port);

    /**
     * The ids of this span, to propagate to another process or to link: never null but from the
     * span {@link Tracing} hands out where tracing is off (no {@code telltale-core}, or {@code
     * telltale.enabled=false}).
     */
    SpanContext context();

    /** Whether the sampler kept this span, so that what is set on it is recorded. */
    boolean isRecording();

    /**
     * Makes this span the current span of the calling thread until the returned scope is closed,
     * without ending it: for a span started with {@link SpanBuilder#startDetached()} and continued
     * on another thread. Never null.
     */
    Scope makeCurrent();

    /** Ends the span now, from any thread, without touching any thread's current span. */
    void end();

    /**
     * Ends the span and, if it is current on the calling thread, restores the span that was
     * current before it. Never throws.
     */
    @Override
    void close();
}
