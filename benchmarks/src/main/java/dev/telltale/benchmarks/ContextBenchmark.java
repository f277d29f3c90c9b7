package dev.telltale.benchmarks;

import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.context.Context;
import java.time.Duration;
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
 * What {@link Context#set} costs the calling thread (issue target: a median of 150 ns or less,
 * nothing allocated but the event), on a long-lived context of a real pipeline, with the backend
 * either working ({@code file} to {@code /dev/null}) or stalled (a sink that never returns, so the
 * queue is full and every message evicts the oldest).
 *
 * <p>The value set is a constant, so boxing is not measured. The event of a {@code set} is the
 * {@code Event} record, its {@code Instant} and its one-entry fields map (Telltale's own {@code
 * Fields}, one array walked by index); the producer's own allocation is printed after the last iteration, as in {@link
 * EmitBenchmark}.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ContextBenchmark {

    private static final Long VALUE = 4242L;

    /** A pipeline and one long-lived context. */
    @State(Scope.Benchmark)
    public static class Pipeline {

        @Param({"file", "stalled"})
        public String backend;

        Telltale telltale;
        Context context;

        @Setup(Level.Trial)
        public void start() {
            telltale = Telltale.builder()
                    .readEnvironment(false)
                    .shutdownHook(false)
                    .backend(backend)
                    .set("telltale.file.path", "/dev/null")
                    .healthInterval(Duration.ZERO)
                    .build();
            context = Context.builder().telltale(telltale).name("bench.status").id("status").start();
        }

        /** Closes the pipeline and fails the run if its accounting does not balance. */
        @TearDown(Level.Trial)
        public void close() {
            telltale.close();
            PipelineStats s = telltale.stats();
            System.out.println("  closed: " + s);
            if (s.offered() != s.published() + s.dropped() || s.pending() != 0) {
                throw new IllegalStateException("the pipeline's accounting does not balance: " + s);
            }
            if (backend.equals("stalled") && s.published() != 0) {
                throw new IllegalStateException("a stalled backend published: " + s);
            }
        }
    }

    @Benchmark
    public Context set(Pipeline pipeline, EmitBenchmark.Producer producer) {
        producer.ops++;
        return pipeline.context.set("counter", VALUE);
    }
}
