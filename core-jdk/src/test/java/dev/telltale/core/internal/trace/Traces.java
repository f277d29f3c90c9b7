package dev.telltale.core.internal.trace;

import dev.telltale.internal.NoopEngine;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link CoreTracing} over no pipeline whose finished spans a recording sink keeps: the real
 * tracer, spans and recorder, for tests of what spans hold.
 */
final class Traces implements SpanSink {

    final List<FinishedSpan> finished = new CopyOnWriteArrayList<>();
    final CoreTracing tracing;

    Traces() {
        this(List.of());
    }

    /** With {@code others} as further sinks, after this one. */
    Traces(List<SpanSink> others) {
        List<SpanSink> sinks = new ArrayList<>();
        sinks.add(this);
        sinks.addAll(others);
        tracing = new CoreTracing(NoopEngine.INSTANCE, new TraceSettings("test-service", Sampler.parentBased(Sampler.always()), false),
                new SpanSinks(sinks), () -> false);
    }

    Tracer tracer() {
        return tracing.tracer(null, null);
    }

    Tracer tracer(Sampler sampler) {
        return tracing.tracer("test-service", sampler);
    }

    @Override
    public void accept(FinishedSpan span) {
        finished.add(span);
    }

    /** The only span finished so far. */
    FinishedSpan only() {
        if (finished.size() != 1) {
            throw new AssertionError("expected one finished span, got " + finished);
        }
        return finished.get(0);
    }

    /** The finished span named {@code name}. */
    FinishedSpan named(String name) {
        return finished.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no finished span " + name + " in " + finished));
    }
}
