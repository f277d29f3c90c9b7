package dev.telltale.benchmarks;

import brave.ScopedSpan;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import dev.telltale.core.internal.trace.CoreTracing;
import dev.telltale.core.internal.trace.SpanSink;
import dev.telltale.core.internal.trace.SpanSinks;
import dev.telltale.core.internal.trace.TraceSettings;
import dev.telltale.internal.NoopEngine;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A span's cost: start a root span, make it current, set one string tag, end it, for Telltale,
 * Brave and the OpenTelemetry SDK side by side, each sampled and unsampled. Each tracer hands its
 * finished spans to a reporter that keeps only the last one (so the span escapes, as it does to a
 * real reporter, and nothing is encoded or sent): Telltale a {@link SpanSink} with span events
 * and JFR off, Brave a {@link SpanHandler}, OpenTelemetry a {@link SpanProcessor}. So only the
 * tracing is measured, not what reporting costs. {@code -prof gc} gives the bytes per span. The
 * issue's targets: sampled at most 150 ns, unsampled at most 20 ns with no allocation, and faster
 * than both peers in the same run (docs/PERFORMANCE.md, "Tracing").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class TraceBenchmark {

    /** Telltale's tracing over an engine with no pipeline, reporting to a sink that keeps the last span. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class TelltaleTracers {
        CoreTracing tracing;
        Tracer sampled;
        Tracer unsampled;
        volatile FinishedSpan last;

        @Setup(Level.Trial)
        public void start() {
            SpanSink sink = span -> last = span;
            tracing = new CoreTracing(NoopEngine.INSTANCE, new TraceSettings("bench", Sampler.always(), false),
                    new SpanSinks(List.of(sink)), () -> false);
            sampled = tracing.tracer("bench", Sampler.always());
            unsampled = tracing.tracer("bench", Sampler.never());
        }

        @TearDown(Level.Trial)
        public void stop() {
            tracing.close();
        }
    }

    /** Brave with a handler that keeps the last span. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class BraveTracers {
        brave.Tracing sampledTracing;
        brave.Tracing unsampledTracing;
        brave.Tracer sampled;
        brave.Tracer unsampled;
        volatile MutableSpan last;

        @Setup(Level.Trial)
        public void start() {
            SpanHandler handler = new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    last = span;
                    return true;
                }
            };
            sampledTracing = brave.Tracing.newBuilder().localServiceName("bench")
                    .sampler(brave.sampler.Sampler.ALWAYS_SAMPLE).addSpanHandler(handler).build();
            unsampledTracing = brave.Tracing.newBuilder().localServiceName("bench")
                    .sampler(brave.sampler.Sampler.NEVER_SAMPLE).addSpanHandler(handler).build();
            sampled = sampledTracing.tracer();
            unsampled = unsampledTracing.tracer();
        }

        @TearDown(Level.Trial)
        public void stop() {
            sampledTracing.close();
            unsampledTracing.close();
        }
    }

    /** The OpenTelemetry SDK with a processor that keeps the last span. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class OtelTracers {
        SdkTracerProvider sampledProvider;
        SdkTracerProvider unsampledProvider;
        io.opentelemetry.api.trace.Tracer sampled;
        io.opentelemetry.api.trace.Tracer unsampled;
        volatile ReadableSpan last;

        @Setup(Level.Trial)
        public void start() {
            SpanProcessor processor = new SpanProcessor() {
                @Override
                public void onStart(Context parentContext, ReadWriteSpan span) {}

                @Override
                public boolean isStartRequired() {
                    return false;
                }

                @Override
                public void onEnd(ReadableSpan span) {
                    last = span;
                }

                @Override
                public boolean isEndRequired() {
                    return true;
                }
            };
            sampledProvider = SdkTracerProvider.builder()
                    .setSampler(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOn())
                    .addSpanProcessor(processor).build();
            unsampledProvider = SdkTracerProvider.builder()
                    .setSampler(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff())
                    .addSpanProcessor(processor).build();
            sampled = sampledProvider.get("bench");
            unsampled = unsampledProvider.get("bench");
        }

        @TearDown(Level.Trial)
        public void stop() {
            sampledProvider.close();
            unsampledProvider.close();
        }
    }

    @Benchmark
    public void telltaleSampled(TelltaleTracers t) {
        try (Span span = t.sampled.span("op")) {
            span.tag("k", "v");
        }
    }

    @Benchmark
    public void telltaleUnsampled(TelltaleTracers t) {
        try (Span span = t.unsampled.span("op")) {
            span.tag("k", "v");
        }
    }

    @Benchmark
    public void braveSampled(BraveTracers b) {
        ScopedSpan span = b.sampled.startScopedSpan("op");
        span.tag("k", "v");
        span.finish();
    }

    @Benchmark
    public void braveUnsampled(BraveTracers b) {
        ScopedSpan span = b.unsampled.startScopedSpan("op");
        span.tag("k", "v");
        span.finish();
    }

    @Benchmark
    public void otelSampled(OtelTracers o) {
        io.opentelemetry.api.trace.Span span = o.sampled.spanBuilder("op").startSpan();
        try (Scope scope = span.makeCurrent()) {
            span.setAttribute("k", "v");
        } finally {
            span.end();
        }
    }

    @Benchmark
    public void otelUnsampled(OtelTracers o) {
        io.opentelemetry.api.trace.Span span = o.unsampled.spanBuilder("op").startSpan();
        try (Scope scope = span.makeCurrent()) {
            span.setAttribute("k", "v");
        } finally {
            span.end();
        }
    }
}
