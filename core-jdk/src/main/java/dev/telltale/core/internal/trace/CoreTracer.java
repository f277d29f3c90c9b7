package dev.telltale.core.internal.trace;

import dev.telltale.internal.CurrentSpans;
import dev.telltale.internal.Fatal;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanBuilder;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import dev.telltale.trace.Tracer;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core's tracer: decides where a span belongs (the current span, an explicit parent, or a new
 * trace), asks the sampler when the decision is not inherited, and makes a {@link RecordingSpan}
 * or an {@link UnsampledSpan}. No lock, no I/O; a sampled span allocates itself and its context
 * (and its tags when asked), an unsampled one nothing. One {@link System#nanoTime()} read at the
 * start and one at the end; epoch times derive from it ({@link EpochClock}).
 */
final class CoreTracer implements Tracer {

    final String service;
    private final Sampler sampler;
    final SpanRecorder recorder;
    /** The {@code seq} of this service's {@code span} events, shared with its other tracers (no look-up per span). */
    final AtomicLong seq;

    CoreTracer(String service, Sampler sampler, SpanRecorder recorder) {
        this.service = service;
        this.sampler = sampler;
        this.recorder = recorder;
        this.seq = recorder.seq(service);
    }

    @Override
    public String serviceName() {
        return service;
    }

    @Override
    public Span span(String name) {
        Objects.requireNonNull(name, "name == null");
        return start(name, SpanKind.LOCAL, false, null, true);
    }

    @Override
    public Span span(String name, SpanKind kind) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(kind, "kind == null");
        return start(name, kind, false, null, true);
    }

    @Override
    public SpanBuilder spanBuilder(String name) {
        return new CoreSpanBuilder(this, Objects.requireNonNull(name, "name == null"));
    }

    /**
     * Starts a span.
     *
     * @param explicit whether {@code parent} was given (null then means a new trace); else the
     *     current span is the parent
     * @param scoped whether the span becomes current on this thread
     */
    Span start(String name, SpanKind kind, boolean explicit, SpanContext parent, boolean scoped) {
        CurrentSpans stack = CurrentSpans.get();
        long high;
        long low;
        long parentId;
        int flags;
        String state;
        boolean sampled;
        Span current = explicit ? null : stack.top();
        if (current instanceof UnsampledSpan u) {
            if (!scoped) {
                return u.copy(); // its own object: closing it must not take the parent's place
            }
            u.pushAgain(stack);
            return u; // the child of an unsampled span is that span again: nothing to record
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (current instanceof RecordingSpan p) {
            SpanContext c = p.context;
            high = c.traceIdHigh();
            low = c.traceIdLow();
            parentId = c.spanId();
            flags = c.flags();
            state = c.traceState();
            sampled = true;
        } else if (explicit && parent != null) {
            high = parent.traceIdHigh();
            low = parent.traceIdLow();
            parentId = parent.spanId();
            sampled = decide(high, low, parent);
            flags = sampled ? parent.flags() | SpanContext.SAMPLED : parent.flags() & ~SpanContext.SAMPLED;
            state = parent.traceState();
        } else {
            high = TraceIds.next(random);
            low = TraceIds.next(random);
            parentId = 0;
            sampled = decide(high, low, null);
            flags = SpanContext.RANDOM | (sampled ? SpanContext.SAMPLED : 0);
            state = "";
        }
        long spanId = TraceIds.next(random);
        if (!sampled) {
            return scoped ? UnsampledSpan.acquire(stack, high, low, spanId, parentId, flags, state)
                    : UnsampledSpan.of(high, low, spanId, parentId, flags, state);
        }
        SpanContext context = new SpanContext(high, low, spanId, parentId, flags, state);
        RecordingSpan s = new RecordingSpan(this, name, kind, context, System.nanoTime(), recorder.jfrBegin());
        if (scoped) {
            stack.pushOwn(s);
            s.bind(stack);
        }
        return s;
    }

    /** The sampler's decision; a sampler that throws says no. */
    private boolean decide(long high, long low, SpanContext parent) {
        try {
            return sampler.sample(high, low, parent);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return false;
        }
    }

    @Override
    public String toString() {
        return "Tracer[" + service + ", sampler " + sampler + "]";
    }
}
