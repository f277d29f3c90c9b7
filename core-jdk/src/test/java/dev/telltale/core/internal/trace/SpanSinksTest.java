package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.core.testing.FakeEngine;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpanSinksTest {

    @Test
    void sinkThatThrows_isShieldedAndCounted_laterSinksStillGetTheSpan() {
        List<FinishedSpan> after = new ArrayList<>();
        SpanSink failing = span -> {
            throw new IllegalStateException("zipkin is down (test)");
        };
        Traces traces = new Traces(List.of(failing, after::add));
        try (Span span = traces.tracer().span("shielded")) {
            span.tag("k", "v");
        }
        traces.tracer().span("again").close();
        assertEquals(2, traces.finished.size());
        assertEquals(2, after.size());
        assertEquals(2, traces.tracing.sinks().failures());
    }

    @Test
    void fatalErrorFromASink_isRethrown() {
        SpanSink fatal = span -> {
            throw new OutOfMemoryError("test");
        };
        Traces traces = new Traces(List.of(fatal));
        Span span = traces.tracer().span("x");
        // the recorder rethrows only fatal errors; the application sees them as it would its own
        assertThrows(OutOfMemoryError.class, span::close);
        dev.telltale.internal.CurrentSpans.get().remove(span);
    }

    @Test
    void close_closesEverySink_evenWhenOneThrows() {
        AtomicInteger closed = new AtomicInteger();
        SpanSink bad = new SpanSink() {
            @Override
            public void accept(FinishedSpan span) {}

            @Override
            public void close() {
                throw new IllegalStateException("test");
            }
        };
        SpanSink good = new SpanSink() {
            @Override
            public void accept(FinishedSpan span) {}

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        new SpanSinks(List.of(bad, good)).close();
        assertEquals(1, closed.get());
    }

    @Test
    void noReporterConfigured_noSinks() {
        // the factories (Zipkin's) make nothing when their keys are not set
        assertSame(false, SpanSinks.from(dev.telltale.core.internal.config.Config.defaults(
                new dev.telltale.core.internal.config.Schema(dev.telltale.core.internal.config.CoreKeys.ALL, List.of(),
                        java.util.Set.of()))).any());
        assertSame(false, new SpanSinks(List.of()).any());
    }

    @Test
    void firstFailureOfEachSink_isPublishedOnce_asASpanSinkErrorEvent() {
        FakeEngine engine = new FakeEngine();
        SpanSink failing = span -> {
            throw new IllegalStateException("zipkin is down (test)");
        };
        CoreTracing tracing = new CoreTracing(engine, new TraceSettings("svc", dev.telltale.trace.Sampler.always(), false),
                new SpanSinks(List.of(failing)), () -> false);
        for (int i = 0; i < 3; i++) {
            tracing.tracer(null, null).span("s" + i).close();
        }
        List<dev.telltale.Event> errors = engine.events("span.sink-error");
        assertEquals(1, errors.size());
        assertEquals("telltale.trace", errors.get(0).routingKey());
        assertEquals("java.lang.IllegalStateException: zipkin is down (test)", errors.get(0).fields().get("error"));
        assertEquals(3, tracing.sinks().failures());
        assertEquals(List.of(), engine.events("span"), "telltale.trace.events=false");
    }

    @Test
    void sinksAreAttachedToTheirEngine_once_evenWhenAnotherFailsToAttach() {
        FakeEngine engine = new FakeEngine();
        List<dev.telltale.internal.Engine> attached = new ArrayList<>();
        SpanSink bad = new SpanSink() {
            @Override
            public void accept(FinishedSpan span) {}

            @Override
            public void attach(dev.telltale.internal.Engine e) {
                throw new IllegalStateException("test");
            }
        };
        SpanSink good = new SpanSink() {
            @Override
            public void accept(FinishedSpan span) {}

            @Override
            public void attach(dev.telltale.internal.Engine e) {
                attached.add(e);
            }
        };
        new CoreTracing(engine, TraceSettings.defaults(), new SpanSinks(List.of(bad, good)), () -> false);
        assertEquals(List.of(engine), attached);
    }
}
