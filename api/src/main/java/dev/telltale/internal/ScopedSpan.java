package dev.telltale.internal;

import dev.telltale.trace.Span;

/**
 * A span that can be current on a thread's {@link CurrentSpans} stack: the core's spans implement
 * it.
 */
public interface ScopedSpan extends Span {

    /** Whether the span has ended; an ended span is never current. */
    boolean ended();

    /**
     * This span in a form another thread may keep current (carried by a wrapped task): itself,
     * or, for a span object its thread reuses, a copy of its ids.
     */
    Span carried();
}
