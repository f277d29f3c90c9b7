package dev.telltale.benchmarks;

import dev.telltale.core.internal.probe.metric.HistogramSnapshot;
import dev.telltale.core.internal.probe.metric.LogHistogram;
import java.util.SplittableRandom;
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

/**
 * What {@link LogHistogram#record} costs the recording thread, what a probe's {@code timer} and
 * {@code histogram} add to each hit: one thread alone, and two threads recording into the same
 * histogram (so they share its buffer's writer count, sum and the buckets of common values).
 * Nothing may be allocated: {@code -prof gc} should show 0 B/op.
 *
 * <p>The values are 4,096 latencies per thread, log-uniform between 1 µs and 100 ms in
 * nanoseconds, precomputed so that only the record is measured. The histogram is read once per
 * iteration, outside the measurement, as the reporter would.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class HistogramBenchmark {

    /** The histogram every thread records into. */
    @State(Scope.Benchmark)
    public static class Shared {

        final LogHistogram histogram = new LogHistogram();

        /** Takes the iteration's snapshot, as the reporter would, and checks it is sane. */
        @TearDown(Level.Iteration)
        public void report() {
            HistogramSnapshot s = histogram.intervalSnapshot();
            if (s.count() == 0 || s.min() < 1_000 || s.max() > 100_000_000) {
                throw new IllegalStateException("unexpected interval: " + s);
            }
            System.out.printf("%n  interval: %,d values, p50 %,d ns, p99 %,d ns%n", s.count(), s.percentile(50),
                    s.percentile(99));
        }
    }

    /** Each thread's own values. */
    @State(Scope.Thread)
    public static class Values {

        final long[] values = new long[4096];
        int next;

        @Setup(Level.Trial)
        public void create() {
            SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
            for (int i = 0; i < values.length; i++) {
                values[i] = (long) Math.pow(10, 3 + 5 * random.nextDouble());
            }
        }

        long next() {
            return values[next++ & (values.length - 1)];
        }
    }

    @Benchmark
    @Threads(1)
    public void record1Thread(Shared shared, Values values) {
        shared.histogram.record(values.next());
    }

    @Benchmark
    @Threads(2)
    public void record2Threads(Shared shared, Values values) {
        shared.histogram.record(values.next());
    }
}
