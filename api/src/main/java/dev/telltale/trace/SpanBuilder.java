package dev.telltale.trace;

/**
 * Starts a span with options the {@link Tracer#span} shortcuts lack: a kind, an explicit parent
 * (as a server extracts one from a request), or a span that is not made current. Made by {@link
 * Tracer#spanBuilder}; not thread-safe, use it once.
 */
public interface SpanBuilder {

    /** The span's kind; {@link SpanKind#LOCAL} unless set. */
    SpanBuilder kind(SpanKind kind);

    /**
     * Makes the span a child of {@code parent}, typically extracted from a request; null makes it
     * the root of a new trace (what a server does with a missing or invalid header). When not
     * called, the span is a child of the calling thread's current span, or a root if there is
     * none. A parent from another process is given to the sampler (a parent-based sampler follows
     * its sampled flag); a local parent's decision is inherited.
     */
    SpanBuilder parent(SpanContext parent);

    /** Names the other side, as {@link Span#remote}, before the span starts. */
    SpanBuilder remote(String service, String ip, int port);

    /** Starts the span and makes it current on this thread until it is closed. Never null. */
    Span start();

    /**
     * Starts the span without making it current anywhere: for work that ends on another thread
     * (an asynchronous client call). End it with {@link Span#end()}; make it current for a while
     * with {@link Span#makeCurrent()}. Never null.
     */
    Span startDetached();
}
