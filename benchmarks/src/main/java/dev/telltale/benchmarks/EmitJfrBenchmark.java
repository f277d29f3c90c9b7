package dev.telltale.benchmarks;

import dev.telltale.Emitter;
import dev.telltale.Telltale;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What {@link Emitter#emit} costs the calling thread while a JFR recording takes {@code
 * dev.telltale.Event}, beside the same emit with no recording. The pipeline is {@link
 * EmitBenchmark}'s (file backend to {@code /dev/null}, queue full, so every emit also evicts).
 *
 * <p>{@code jfr}: {@code off} runs no recording; {@code recording} records {@code
 * dev.telltale.Event} with the defaults (kind, routing key, source and sequence number, no
 * fields), to disk as {@code -XX:StartFlightRecording} does; {@code recording-memory} the same
 * into JFR's in-memory buffers only, which shows the emitting thread's share apart from the
 * recorder's disk writes; {@code recording-fields} adds {@code telltale.jfr.fields=true}, which encodes the
 * fields as JSON on the emitting thread, as every recorded emit did before. Target: {@code
 * recording} at most twice {@code off}, in time and in the producer's bytes per operation
 * (printed as {@code producer alloc}; {@code -prof gc} adds the publisher's).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class EmitJfrBenchmark {

    /** The pipeline and, but for {@code off}, a recording of {@code dev.telltale.Event}. */
    @State(Scope.Benchmark)
    public static class Pipeline {

        @Param({"off", "recording", "recording-memory", "recording-fields"})
        public String jfr;

        Telltale telltale;
        Emitter emitter;
        private Recording recording;

        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            if (!jfr.equals("off")) {
                recording = new Recording();
                recording.enable("dev.telltale.Event");
                recording.setToDisk(!jfr.equals("recording-memory"));
                recording.start();
            }
            telltale = Telltale.builder()
                    .readEnvironment(false)
                    .shutdownHook(false)
                    .backend("file")
                    .set("telltale.file.path", "/dev/null")
                    .set("telltale.jfr.fields", Boolean.toString(jfr.equals("recording-fields")))
                    .healthInterval(Duration.ZERO)
                    .build();
            emitter = telltale.emitter("shop.orders");
        }

        @TearDown(Level.Trial)
        public void close() {
            telltale.close();
            if (recording != null) {
                recording.close();
            }
        }
    }

    /**
     * Counts one producer thread's operations, bytes (as in {@link EmitBenchmark}) and CPU time.
     * The CPU time per operation leaves out the time the thread spent descheduled, which on a
     * busy machine dominates the wall-clock score; it is printed as {@code producer cpu}.
     */
    @State(Scope.Thread)
    public static class Producer {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        long ops;
        private long allocatedAtStart;
        private long cpuAtStart;
        private long jfrCpuAtStart;
        private long measuredOps;
        private long measuredBytes;
        private long measuredCpu;
        private long measuredJfrCpu;
        private int measuredIterations;

        @Setup(Level.Iteration)
        public void begin() {
            ops = 0;
            allocatedAtStart = ThreadAllocation.current();
            cpuAtStart = THREADS.getCurrentThreadCpuTime();
            jfrCpuAtStart = jfrThreadsCpu();
        }

        /** CPU time so far of JFR's own threads (its recorder thread writes the disk recording). */
        private static long jfrThreadsCpu() {
            long sum = 0;
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("JFR ")) {
                    sum += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
                }
            }
            return sum;
        }

        @TearDown(Level.Iteration)
        public void end(IterationParams iteration) {
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
            long jfrCpu = jfrThreadsCpu() - jfrCpuAtStart;
            long bytes = ThreadAllocation.current() - allocatedAtStart;
            if (iteration.getType() != IterationType.MEASUREMENT || allocatedAtStart < 0) {
                return;
            }
            measuredOps += ops;
            measuredBytes += bytes;
            measuredCpu += cpu;
            measuredJfrCpu += jfrCpu;
            if (++measuredIterations == iteration.getCount()) {
                double n = Math.max(1, measuredOps);
                System.out.printf("  producer alloc: %.1f B/op, producer cpu: %.1f ns/op, JFR threads cpu: %.1f ns/op, over %,d ops%n",
                        measuredBytes / n, measuredCpu / n, measuredJfrCpu / n, measuredOps);
            }
        }
    }

    @Benchmark
    public void emit(Pipeline pipeline, Producer producer) {
        pipeline.emitter.emit("order.placed", EmitBenchmark.FIELDS);
        producer.ops++;
    }
}
