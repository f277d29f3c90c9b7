package dev.telltale.core.internal.trace;

import dev.telltale.internal.CurrentSpans;
import dev.telltale.trace.Scope;
import dev.telltale.trace.Span;

/**
 * A span made current by {@link Span#makeCurrent()} on one thread; closing it there (once)
 * removes it from that thread's stack, wherever it is in it.
 */
final class SpanScope implements Scope {

    private final CurrentSpans stack;
    private final Thread thread;
    private final Span span;
    /** The reused unsampled span whose use count this scope holds, or null. */
    private final UnsampledSpan pooled;
    private boolean closed;

    private SpanScope(CurrentSpans stack, Span span, UnsampledSpan pooled) {
        this.stack = stack;
        this.thread = Thread.currentThread();
        this.span = span;
        this.pooled = pooled;
    }

    /** Pushes {@code span} on the calling thread's stack; {@code pooled} is it when it is a reused span. */
    static Scope open(Span span, UnsampledSpan pooled) {
        CurrentSpans stack = CurrentSpans.get();
        stack.push(span);
        if (pooled != null) {
            pooled.uses++;
        }
        return new SpanScope(stack, span, pooled);
    }

    @Override
    public void close() {
        if (closed || Thread.currentThread() != thread) {
            return;
        }
        closed = true;
        if (stack.remove(span) && pooled != null) {
            pooled.uses--;
        }
    }
}
