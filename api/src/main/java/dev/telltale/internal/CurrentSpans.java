package dev.telltale.internal;

import dev.telltale.trace.Span;
import java.util.Arrays;

/**
 * The calling thread's stack of current spans (the top is current), process-wide, so that
 * wrappers, log correlation and contexts find the current span without an engine. Only the
 * owning thread touches its stack; nothing here blocks or locks.
 *
 * <p>Closing out of order: {@link #remove} takes away the topmost occurrence of a span wherever it
 * is, so the innermost span still open stays current. A span's own place, pushed by its start
 * ({@link #pushOwn}), lasts until the span ends, wherever it ends: {@link #top()} drops such
 * entries from the top once their span has ended (a span ended on another thread leaves its place
 * then). A place pushed by a scope or a carrying wrapper ({@link #push}) lasts until it is
 * removed, even if the span ended meanwhile: work handed to another thread stays in its trace.
 */
public final class CurrentSpans {

    private static final ThreadLocal<CurrentSpans> LOCAL = ThreadLocal.withInitial(CurrentSpans::new);

    private Span[] spans = new Span[8];
    /** Whether each place is its span's own, left when the span ends. */
    private boolean[] own = new boolean[8];
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

    /** The current span, or null if none; own places of ended spans on top are dropped first. */
    public Span top() {
        while (depth > 0) {
            int i = depth - 1;
            Span s = spans[i];
            if (!own[i] || !(s instanceof ScopedSpan scoped) || !scoped.ended()) {
                return s;
            }
            spans[i] = null;
            depth = i;
        }
        return null;
    }

    /** Makes {@code span} current until it is {@link #remove removed}. */
    public void push(Span span) {
        push(span, false);
    }

    /** Makes {@code span} current until it is removed or ends: its start's own place. */
    public void pushOwn(Span span) {
        push(span, true);
    }

    private void push(Span span, boolean endsWithSpan) {
        int d = depth;
        if (d == spans.length) {
            spans = Arrays.copyOf(spans, d * 2);
            own = Arrays.copyOf(own, d * 2);
        }
        spans[d] = span;
        own[d] = endsWithSpan;
        depth = d + 1;
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
                System.arraycopy(own, i + 1, own, i, d - 1 - i);
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
