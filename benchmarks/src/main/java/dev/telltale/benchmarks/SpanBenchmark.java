package dev.telltale.benchmarks;

import dev.telltale.Telltale;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.Tracer;
import dev.telltale.trace.Tracing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a span costs the thread that makes it: start, one tag, end (issue 15's targets: 150 ns
 * sampled, 20 ns and no allocation unsampled): {@code root} is one span, a trace's first;
 * {@code child} is a parent and its child, two spans.
 * Telltale alone; the comparison with Brave and OpenTelemetry is a benchmark of its own.
 *
 * <p>{@code sampled-quiet}: sampled spans with nobody listening ({@code telltale.trace.events=false},
 * no reporter, no recording): the span itself. {@code sampled-events}: each span also becomes a
 * {@code span} event into the pipeline's queue (file backend to {@code /dev/null}).
 * {@code unsampled}: the sampler says never. Run with {@code -prof gc} for bytes per span.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SpanBenchmark {

    /** A pipeline and a tracer. */
    @State(Scope.Thread)
    public static class Traced {

        @Param({"unsampled", "sampled-quiet", "sampled-events"})
        public String mode;

        Telltale telltale;
        Tracer tracer;

        @Setup(Level.Trial)
        public void start() {
            telltale = Telltale.builder().readEnvironment(false).shutdownHook(false)
                    .backend(mode.equals("sampled-events") ? "file" : "none")
                    .set("telltale.file.path", "/dev/null")
                    .set("telltale.trace.events", Boolean.toString(mode.equals("sampled-events")))
                    .set("telltale.health.interval", "0")
                    .build();
            tracer = Tracing.of(telltale).tracer("bench",
                    mode.equals("unsampled") ? Sampler.never() : Sampler.always());
        }

        @TearDown(Level.Trial)
        public void stop() {
            telltale.close();
        }
    }

    @Benchmark
    public void root(Traced t) {
        try (Span span = t.tracer.span("op")) {
            span.tag("k", "v");
        }
    }

    @Benchmark
    public void child(Traced t) {
        try (Span parent = t.tracer.span("parent")) {
            try (Span span = t.tracer.span("op")) {
                span.tag("k", "v");
            }
        }
    }
}
