package dev.telltale.benchmarks;

import dev.telltale.core.internal.queue.DropOldestQueue;
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
 * The {@link DropOldestQueue} alone, with no publisher racing it: what the queue itself adds to
 * {@code emit}.
 *
 * <ul>
 *   <li>{@link #offerPoll}: an offer into an empty queue and the poll that takes it out again;
 *   <li>{@link #offerFull}: an offer into a full queue, which evicts the oldest element first
 *       (the drop-oldest path every {@code emit} takes while the pipeline is overloaded);
 *   <li>{@link #offerFull4Threads}: the same with four threads offering into one full queue, so
 *       they race for its tail, its head and its byte count.
 * </ul>
 *
 * The queue has the pipeline's default bounds (8192 elements, 16 MiB) and the element a size of
 * 256 bytes, so only the element bound is ever reached. Nothing is allocated per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class QueueBenchmark {

    static final int CAPACITY = 8192;
    static final long MAX_BYTES = 16L << 20;
    static final int SIZE = 256;
    static final Object ELEMENT = new Object();

    @State(Scope.Thread)
    public static class Empty {

        DropOldestQueue<Object> queue;

        @Setup(Level.Trial)
        public void create() {
            queue = new DropOldestQueue<>(CAPACITY, MAX_BYTES);
        }

        @TearDown(Level.Trial)
        public void check() {
            if (queue.size() != 0 || queue.evicted() != 0) {
                throw new IllegalStateException("offer+poll left " + queue.size() + " elements and evicted "
                        + queue.evicted());
            }
        }
    }

    @State(Scope.Thread)
    public static class Full {

        DropOldestQueue<Object> queue;

        @Setup(Level.Trial)
        public void fill() {
            queue = new DropOldestQueue<>(CAPACITY, MAX_BYTES);
            for (int i = 0; i < CAPACITY; i++) {
                queue.offer(ELEMENT, SIZE);
            }
        }

        @TearDown(Level.Trial)
        public void check() {
            long evictions = queue.inserted() - CAPACITY;
            if (queue.size() != CAPACITY || queue.evicted() != evictions) {
                throw new IllegalStateException("full queue holds " + queue.size() + " elements, evicted "
                        + queue.evicted() + " of " + evictions + " expected");
            }
            System.out.printf("%n  full queue: %,d offers, each evicted the oldest element%n", evictions);
        }
    }

    /** One full queue shared by every thread. */
    @State(Scope.Benchmark)
    public static class SharedFull {

        DropOldestQueue<Object> queue;

        @Setup(Level.Trial)
        public void fill() {
            queue = new DropOldestQueue<>(CAPACITY, MAX_BYTES);
            for (int i = 0; i < CAPACITY; i++) {
                queue.offer(ELEMENT, SIZE);
            }
        }

        @TearDown(Level.Trial)
        public void check() {
            if (queue.size() != CAPACITY || queue.evicted() != queue.offered() - CAPACITY
                    || queue.bytes() != (long) CAPACITY * SIZE) {
                throw new IllegalStateException("shared full queue holds " + queue.size() + " elements, "
                        + queue.bytes() + " bytes, dropped " + queue.evicted() + " of " + queue.offered());
            }
            System.out.printf("%n  shared full queue: %,d offers, %,d of them dropped their own element%n",
                    queue.offered() - CAPACITY, queue.offered() - queue.inserted());
        }
    }

    @Benchmark
    public Object offerPoll(Empty state) {
        state.queue.offer(ELEMENT, SIZE);
        return state.queue.poll();
    }

    @Benchmark
    public int offerFull(Full state) {
        return state.queue.offer(ELEMENT, SIZE);
    }

    @Benchmark
    @Threads(4)
    public int offerFull4Threads(SharedFull state) {
        return state.queue.offer(ELEMENT, SIZE);
    }
}
