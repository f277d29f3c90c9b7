package dev.telltale.internal;

import dev.telltale.trace.Span;
import java.util.Arrays;

/**
 * The calling thread's stack of current spans (the top is current), process-wide, so that
 * wrappers, log correlation and contexts find the current span without an engine. Only the
 * owning thread touches its stack; nothing here blocks or locks.
 *
 * <p>Closing out of order: {@link #remove} takes away the topmost occurrence of a span wherever it
 * is, so the innermost span still open stays current. Ended spans are never current: {@link
 * #top()} drops them from the top (a span ended on another thread leaves its place then).
 */
public final class CurrentSpans {

    private static final ThreadLocal<CurrentSpans> LOCAL = ThreadLocal.withInitial(CurrentSpans::new);

    private Span[] spans = new Span[8];
    private int depth;
    /** Per-thread state of the implementation (the core keeps its reusable unsampled spans here). */
    public Object attachment;

    private CurrentSpans() {}

    /** The calling thread's stack. */
    public static CurrentSpans get() {
        return LOCAL.get();
    }

    /** The calling thread's current span, or {@link NoopSpan#INSTANCE} if none. */
    public static Span current() {
        Span top = LOCAL.get().top();
        return top != null ? top : NoopSpan.INSTANCE;
    }

    /**
     * The calling thread's current span in a form another thread may keep current, or null if
     * none (see {@link ScopedSpan#carried()}).
     */
    public static Span capture() {
        Span top = LOCAL.get().top();
        return top instanceof ScopedSpan s ? s.carried() : top;
    }

    /** The current span, or null if none; ended spans on top are dropped first. */
    public Span top() {
        while (depth > 0) {
            Span s = spans[depth - 1];
            if (!(s instanceof ScopedSpan scoped) || !scoped.ended()) {
                return s;
            }
            spans[--depth] = null;
        }
        return null;
    }

    /** Makes {@code span} current. */
    public void push(Span span) {
        if (depth == spans.length) {
            spans = Arrays.copyOf(spans, depth * 2);
        }
        spans[depth++] = span;
    }

    /**
     * Removes the topmost occurrence of {@code span} (by identity); returns whether it was there.
     */
    public boolean remove(Span span) {
        int d = depth;
        if (d > 0 && spans[d - 1] == span) { // the usual case: closed in order
            spans[--depth] = null;
            return true;
        }
        for (int i = d - 2; i >= 0; i--) {
            if (spans[i] == span) {
                System.arraycopy(spans, i + 1, spans, i, d - 1 - i);
                spans[--depth] = null;
                return true;
            }
        }
        return false;
    }

    /** How many spans are on the stack, ended ones not yet dropped included. */
    public int depth() {
        return depth;
    }
}
