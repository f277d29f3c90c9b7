package dev.telltale.benchmarks;

import dev.telltale.core.internal.snapshot.SnapshotCapture;
import dev.telltale.core.internal.snapshot.SnapshotCapture.FrameValues;
import dev.telltale.core.internal.snapshot.SnapshotFiles;
import dev.telltale.core.internal.snapshot.SnapshotSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a crash snapshot costs the thread that saves it, at the default settings (depth 3, source
 * lookup on; the sources are not found here, which is cached like a hit): a 30-frame exception
 * with a 10-frame cause, and an order (a customer, five lines, a map of attributes) given as
 * values on its top frame.
 *
 * <ul>
 *   <li>{@code capture}: the document, in memory (the values read, the frames described);
 *   <li>{@code encode}: the document as JSON bytes;
 *   <li>{@code save}: the document written to a file and moved into place, then the file deleted
 *       again (the delete is in the time, to keep the directory small).
 * </ul>
 *
 * <p>The setup prints the size of one snapshot. A first short run on the 2-core development
 * machine is in docs/PERFORMANCE.md (section 9): capture about 15 µs, save 0.2 ms on tmpfs and a few
 * milliseconds on a busy shared disk, for about 13.7 KB of JSON.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SnapshotBenchmark {

    public record Customer(String name, String email, boolean vip) {}

    public record Line(String sku, int quantity, long cents) {}

    public static final class Order {
        final String id = "A-1042";
        final Customer customer = new Customer("Ada", "ada@example.com", true);
        final List<Line> lines = new ArrayList<>();
        final Map<String, Object> attributes = new LinkedHashMap<>();

        Order() {
            for (int i = 0; i < 5; i++) {
                lines.add(new Line("sku-" + i, i + 1, 499L * (i + 1)));
            }
            attributes.put("channel", "web");
            attributes.put("coupon", "WINTER");
        }
    }

    private Path dir;
    private SnapshotCapture capture;
    private Throwable error;
    private Map<Integer, FrameValues> values;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("snapshot-bench");
        capture = new SnapshotCapture(SnapshotSettings.defaults(dir), "bench-host", 1);
        int base = new Throwable().getStackTrace().length;
        Throwable cause = deep(Math.max(0, 10 - base - 1), null);
        error = deep(30 - base - 1, cause);
        if (error.getStackTrace().length != 30) {
            throw new IllegalStateException("expected 30 frames, got " + error.getStackTrace().length);
        }
        values = Map.of(0, FrameValues.given(Map.of("order", new Order(), "attempt", 2)));
        System.out.println("\nsnapshot bytes: " + encode().length);
    }

    private static Throwable deep(int n, Throwable cause) {
        return n <= 0 ? new IllegalStateException("payment declined for order A-1042", cause) : deep(n - 1, cause);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public Map<String, Object> capture() {
        return capture.capture(error, Thread.currentThread(), false, values, null, Map.of("read", false));
    }

    @Benchmark
    public byte[] encode() {
        return SnapshotFiles.encode(capture());
    }

    @Benchmark
    public boolean save() throws IOException {
        Path file = SnapshotFiles.write(capture(), dir, false, 1, "java.lang.IllegalStateException");
        return Files.deleteIfExists(file);
    }
}
