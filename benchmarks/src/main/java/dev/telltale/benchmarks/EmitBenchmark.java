package dev.telltale.benchmarks;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What {@link Emitter#emit} costs the calling thread: the real public API on a real pipeline,
 * whose publisher thread encodes every event it takes and writes it to {@code /dev/null} with the
 * file backend.
 *
 * <p><b>State of the queue.</b> One producer emits far faster than one publisher encodes, so the
 * default queue (8192 events) is full within microseconds and stays full: almost every {@code
 * emit} also evicts the oldest event (the drop-oldest path), racing the publisher for the head of
 * the queue. The per-iteration lines printed by {@link Pipeline#iterationReport} show it (offered,
 * published, dropped). This is the overload case, the one where the promise "emit never waits"
 * matters; {@link QueueBenchmark} shows the queue's cost without the publisher.
 *
 * <p><b>Allocation.</b> {@code -prof gc} counts the bytes of every thread, the publisher's
 * included (its encoded arrays and envelopes), divided by the producers' operations. What the
 * producers' own threads allocate is measured separately, with {@code ThreadMXBean}, and printed
 * by each producer thread after its last iteration as {@code producer alloc (thread): N B/op};
 * the target is the {@code Event} record and its {@code Instant} alone (64 + 24 bytes with
 * compressed pointers).
 *
 * <p>Two references: {@link #timerFloor} is an empty method, so in {@code SampleTime} mode its
 * percentiles are the cost of the timer itself, which every sample of the other methods includes;
 * {@link #instantNow} is {@code Instant.now()}, the timestamp every event takes.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EmitBenchmark {

    static final Map<String, Object> FIELDS = Map.of("id", 42L, "status", "ok", "total", 99.5);

    /** One pipeline and one emitter, shared by every producer thread. */
    @State(Scope.Benchmark)
    public static class Pipeline {

        Telltale telltale;
        Emitter emitter;
        private PipelineStats before;
        private long iteration;

        @Setup(Level.Trial)
        public void start() {
            telltale = Telltale.builder()
                    .readEnvironment(false)
                    .shutdownHook(false)
                    .backend("file")
                    .set("telltale.file.path", "/dev/null")
                    .healthInterval(Duration.ZERO)
                    .build();
            emitter = telltale.emitter("shop.orders");
            before = telltale.stats();
        }

        @Setup(Level.Iteration)
        public void beginIteration() {
            before = telltale.stats();
        }

        @TearDown(Level.Iteration)
        public void iterationReport() {
            PipelineStats now = telltale.stats();
            System.out.printf("%n  iteration %d: offered %,d, published %,d, dropped queue-full %,d (%.1f%%),"
                    + " queue depth %,d%n",
                    ++iteration,
                    now.offered() - before.offered(),
                    now.published() - before.published(),
                    now.droppedQueueFull() - before.droppedQueueFull(),
                    100.0 * (now.droppedQueueFull() - before.droppedQueueFull())
                            / Math.max(1, now.offered() - before.offered()),
                    now.queueDepth());
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
            if (s.published() == 0) {
                throw new IllegalStateException("the publisher published nothing: " + s);
            }
            if (s.droppedBackendError() + s.droppedTooLarge() > 0) {
                throw new IllegalStateException("events failed for another reason than a full queue: " + s);
            }
        }
    }

    /**
     * Counts one producer thread's operations and what that thread allocates during the measurement
     * iterations, and prints the bytes per operation after the last one.
     */
    @State(Scope.Thread)
    public static class Producer {

        long ops;
        private long allocatedAtStart;
        private long measuredOps;
        private long measuredBytes;
        private int measuredIterations;

        @Setup(Level.Iteration)
        public void begin() {
            ops = 0;
            allocatedAtStart = ThreadAllocation.current();
        }

        @TearDown(Level.Iteration)
        public void end(IterationParams iteration) {
            long bytes = ThreadAllocation.current() - allocatedAtStart;
            if (iteration.getType() != IterationType.MEASUREMENT || allocatedAtStart < 0) {
                return;
            }
            measuredOps += ops;
            measuredBytes += bytes;
            if (++measuredIterations == iteration.getCount()) {
                System.out.printf("  producer alloc (%s): %.1f B/op over %,d ops%n", Thread.currentThread().getName(),
                        (double) measuredBytes / Math.max(1, measuredOps), measuredOps);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public void emit1Thread(Pipeline pipeline, Producer producer) {
        pipeline.emitter.emit("order.placed", FIELDS);
        producer.ops++;
    }

    @Benchmark
    @Threads(4)
    public void emit4Threads(Pipeline pipeline, Producer producer) {
        pipeline.emitter.emit("order.placed", FIELDS);
        producer.ops++;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Threads(1)
    public void timerFloor() {
        // empty: SampleTime's percentiles here are the timer's own cost
    }

    /** The timestamp alone, which {@code emit} takes first: a reference, not part of the target. */
    @Benchmark
    @Threads(1)
    public Instant instantNow() {
        return Instant.now();
    }
}
