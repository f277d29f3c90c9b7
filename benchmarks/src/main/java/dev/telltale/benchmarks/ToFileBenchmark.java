package dev.telltale.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second from one producer thread to a JSON-lines file on disk, sustained: one
 * operation writes {@value #BATCH} {@code order.placed} events (three fields, the {@code id}
 * different each time) and then waits until all of them have reached the file, so the score is
 * the rate at which events are written, not the rate at which they are queued. The queues hold
 * {@value #CAPACITY} events, more than a batch, so nothing needs to be dropped; if anything is, the
 * run fails in its teardown.
 *
 * <p>{@code writer} picks Telltale (file backend), Logback (AsyncAppender, JsonEncoder) or Log4j2
 * (async loggers, JsonTemplateLayout); see {@link TelltaleFile}, {@link LogbackFile} and {@link
 * Log4jFile}. Before measuring, each writer's output is checked by {@link FormatCheck}. Files go to
 * a temporary directory under {@code java.io.tmpdir}, rotate at 256 MiB, and are deleted at the
 * end.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ToFileBenchmark {

    static final int BATCH = 10_000;
    static final int CAPACITY = 16_384;
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);

    @Param({"telltale", "logback", "log4j2"})
    public String writer;

    private Path dir;
    private EventFile file;
    private long nextId;

    @Setup(Level.Trial)
    public void open() {
        System.out.printf("%n  format checked, sample line: %s%n", FormatCheck.verify(writer));
        dir = TempDirs.create(writer);
        file = EventFile.open(writer, dir, CAPACITY);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batch() {
        for (int i = 0; i < BATCH; i++) {
            file.write(++nextId);
        }
        file.awaitWritten(BATCH_TIMEOUT);
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            System.out.printf("%n  %s; %,d bytes on disk at the end%n", file.finish(), TempDirs.size(dir));
        } finally {
            TempDirs.delete(dir);
        }
    }
}
