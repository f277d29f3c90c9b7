package dev.telltale.benchmarks;

import dev.telltale.Telltale;
import dev.telltale.core.internal.watch.ThreadDump;
import dev.telltale.watch.LoopWatch;
import dev.telltale.watch.Watches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the loop watch costs. Per task: a watched executor against the bare one, both running the
 * task on the caller's thread (so the hand-off to a worker, which both would pay alike, is left
 * out and only the decorator is measured: its wrapper, the thread's slot, two timestamps). The
 * issue's target is at most 50 ns more per task; {@code -prof gc} shows the wrapper's bytes.
 * Per turn of a loop the application drives: {@code beat()} and {@code beat(String)}, which end
 * one turn and begin the next (a clock read and volatile writes; {@code -prof gc} should show 0
 * B). Per hang: one cheap thread dump (no locked synchronizers, the default) with 200 threads alive,
 * written to a writer that discards it, so the dump and the formatting are measured, not the
 * disk; and the same with the virtual-thread part of the default (JDK 21+: the JVM's JSON dump of
 * all threads, written to a scratch file, read back and parsed; nothing more on JDK 17), which
 * pays even when no virtual thread is alive.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WatchBenchmark {

    /** A pipeline that sends nothing anywhere, and the two executors. */
    @State(Scope.Benchmark)
    public static class Executors {

        Telltale telltale;
        Executor bare;
        Executor watched;
        final Runnable task = new Runnable() {
            int runs;

            @Override
            public void run() {
                runs++;
            }
        };

        @Setup(Level.Trial)
        public void start() {
            telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("none")
                    .healthInterval(Duration.ZERO).build();
            bare = Runnable::run;
            watched = Watches.of(telltale).watch("bench", bare);
        }

        @TearDown(Level.Trial)
        public void stop() {
            telltale.close();
        }
    }

    /** A loop the application drives, beaten by one thread. */
    @State(Scope.Thread)
    public static class Loop {

        Telltale telltale;
        LoopWatch watch;

        @Setup(Level.Trial)
        public void start() throws IOException {
            Path dir = Files.createTempDirectory("telltale-bench-hangs");
            telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("none")
                    .healthInterval(Duration.ZERO).set("telltale.watch.hang.dir", dir.toString()).build();
            watch = Watches.of(telltale).loop("bench.loop");
        }

        @TearDown(Level.Trial)
        public void stop() {
            watch.close();
            telltale.close();
        }
    }

    /** 200 threads alive: the benchmark's own, plus parked ones. */
    @State(Scope.Benchmark)
    public static class Threads {

        static final int ALIVE = 200;
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final CountDownLatch release = new CountDownLatch(1);
        final List<Thread> parked = new ArrayList<>();
        final Writer discard = Writer.nullWriter();
        Path scratch;

        @Setup(Level.Trial)
        public void start() {
            int missing = ALIVE - Thread.activeCount();
            for (int i = 0; i < missing; i++) {
                Thread t = new Thread(this::park, "parked-" + i);
                t.setDaemon(true);
                t.start();
                parked.add(t);
            }
            System.out.printf("%n  threads alive: %d%n", mx.getThreadCount());
            try {
                scratch = Files.createTempDirectory("telltale-dump-bench").resolve("threads.json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void park() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            release.countDown();
            Files.deleteIfExists(scratch);
            Files.deleteIfExists(scratch.getParent());
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void bareExecutor(Executors e) {
        e.bare.execute(e.task);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void watchedExecutor(Executors e) {
        e.watched.execute(e.task);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void loopBeat(Loop l) {
        l.watch.beat();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void loopBeatNamed(Loop l) {
        l.watch.beat("turn");
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void threadDump200Threads(Threads t, Blackhole bh) throws IOException {
        bh.consume(ThreadDump.write(t.mx, false, t.discard));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void threadDumpWithVirtualThreads200Threads(Threads t, Blackhole bh) throws IOException {
        bh.consume(ThreadDump.writeWithVirtualThreads(t.mx, false, t.scratch, t.discard));
    }
}
