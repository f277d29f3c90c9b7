package dev.telltale.core.internal.trace;

import dev.telltale.internal.CurrentSpans;
import dev.telltale.internal.NonRecordingSpan;
import dev.telltale.internal.ScopedSpan;
import dev.telltale.trace.Scope;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;

/**
 * A span the sampler did not keep: it records nothing, but carries its trace's ids so that the
 * decision propagates. Its children on the same thread are itself again (pushed once more), so
 * an unsampled trace allocates nothing past its root; and the root itself is a per-thread object
 * reused by depth on the stack (see {@link #acquire}) while it is not in use, so a trace started
 * and ended on one thread allocates nothing at all.
 *
 * <p>A reused span's handle is good until it is closed: {@link #context()} read afterwards may be
 * another trace's. {@link #carried()} and {@link #makeCurrent()} on another thread hand out a
 * copy that is never reused, and so does a detached child. As a child shares its parent's object,
 * closing an unsampled child twice closes its parent's place as well (a sampled span ignores the
 * second close).
 */
final class UnsampledSpan extends NonRecordingSpan implements ScopedSpan {

    /** The reused spans of one thread, by stack depth; kept in its {@link CurrentSpans#attachment}. */
    private static final class Pool {
        UnsampledSpan[] byDepth = new UnsampledSpan[8];
    }

    long traceIdHigh;
    long traceIdLow;
    long spanId;
    long parentId;
    int flags;
    String traceState;
    /** The thread whose stack reuses it, or null for a span never reused. */
    private final Thread owner;
    /** The owner's stack, or null. */
    private final CurrentSpans ownerStack;
    /** Reused spans: how many times it is on its owner's stack now; reused only at 0. */
    int uses;
    private SpanContext context;

    private UnsampledSpan(Thread owner, CurrentSpans ownerStack) {
        this.owner = owner;
        this.ownerStack = ownerStack;
    }

    /** A span that is never reused. */
    static UnsampledSpan of(long traceIdHigh, long traceIdLow, long spanId, long parentId, int flags, String traceState) {
        UnsampledSpan s = new UnsampledSpan(null, null);
        s.set(traceIdHigh, traceIdLow, spanId, parentId, flags, traceState);
        return s;
    }

    /**
     * The calling thread's reusable span for the next place on {@code stack}, set to these ids and
     * pushed there; or, while that one is still in use (a scope closed out of order), a new span,
     * pushed likewise.
     */
    static UnsampledSpan acquire(CurrentSpans stack, long traceIdHigh, long traceIdLow, long spanId, long parentId,
            int flags, String traceState) {
        Object a = stack.attachment;
        Pool pool;
        if (a instanceof Pool p) {
            pool = p;
        } else {
            pool = new Pool();
            stack.attachment = pool;
        }
        int depth = stack.depth();
        UnsampledSpan[] slots = pool.byDepth;
        if (depth >= slots.length) {
            if (depth >= 1024) { // runaway nesting: do not grow the pool without bound
                UnsampledSpan s = of(traceIdHigh, traceIdLow, spanId, parentId, flags, traceState);
                stack.push(s);
                return s;
            }
            pool.byDepth = slots = java.util.Arrays.copyOf(slots, Math.max(depth + 1, slots.length * 2));
        }
        UnsampledSpan s = slots[depth];
        if (s == null) {
            slots[depth] = s = new UnsampledSpan(Thread.currentThread(), stack);
        } else if (s.uses != 0) {
            s = of(traceIdHigh, traceIdLow, spanId, parentId, flags, traceState);
            stack.push(s);
            return s;
        }
        s.set(traceIdHigh, traceIdLow, spanId, parentId, flags, traceState);
        s.uses = 1;
        stack.push(s);
        return s;
    }

    private void set(long traceIdHigh, long traceIdLow, long spanId, long parentId, int flags, String traceState) {
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.spanId = spanId;
        this.parentId = parentId;
        this.flags = flags;
        this.traceState = traceState;
        this.context = null;
    }

    /** Pushes it once more on {@code stack}, as the unsampled child of itself. */
    void pushAgain(CurrentSpans stack) {
        stack.push(this);
        if (owner != null) {
            uses++;
        }
    }

    @Override
    public SpanContext context() {
        SpanContext c = context;
        if (c == null) {
            context = c = new SpanContext(traceIdHigh, traceIdLow, spanId, parentId, flags, traceState);
        }
        return c;
    }

    @Override
    public Scope makeCurrent() {
        boolean mine = owner == Thread.currentThread();
        return SpanScope.open(mine || owner == null ? this : carried(), mine ? this : null);
    }

    @Override
    public void close() {
        if (owner == null) {
            CurrentSpans.get().remove(this);
        } else if (owner == Thread.currentThread() && ownerStack.remove(this)) {
            uses--;
        }
    }

    /** Never: an unsampled span leaves the stack only when closed on its thread. */
    @Override
    public boolean ended() {
        return false;
    }

    @Override
    public Span carried() {
        return owner == null ? this : copy();
    }

    /** A new span with these ids, never reused. */
    UnsampledSpan copy() {
        return of(traceIdHigh, traceIdLow, spanId, parentId, flags, traceState);
    }

    @Override
    public String toString() {
        return "UnsampledSpan[" + SpanContext.hex(traceIdHigh) + SpanContext.hex(traceIdLow) + "/"
                + SpanContext.hex(spanId) + "]";
    }
}
