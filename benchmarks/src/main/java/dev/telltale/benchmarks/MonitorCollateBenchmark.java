package dev.telltale.benchmarks;

import dev.telltale.monitor.CollatedObject;
import dev.telltale.monitor.Message;
import dev.telltale.monitor.Monitor;
import dev.telltale.monitor.MonitorOptions;
import dev.telltale.monitor.MonitorStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ./telltale monitor --stdin --collate} without the printing: JSON lines read from an input
 * stream (by the monitor's reader thread, as standard input is), parsed, decoded and collated.
 * The score is messages per second; the target is at least 300,000.
 *
 * <p>The input holds {@value #OBJECTS} contexts of five messages each, as the file backend writes
 * them (about 240 bytes a line): born with three fields, three updates, finished; {@code
 * interleaved} contexts run at once, so each message finds its object among that many open ones.
 * {@code messages} reads the same input without collating ({@code monitor --stdin}), for
 * comparison. With {@code -prof gc}, bytes per operation are bytes per message.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@State(Scope.Thread)
public class MonitorCollateBenchmark {

    static final int OBJECTS = 20_000;
    static final int MESSAGES = OBJECTS * 5;

    @Param({"64", "4096"})
    public int interleaved;

    private byte[] input;

    @Setup(Level.Trial)
    public void create() {
        input = contexts(OBJECTS, interleaved);
        System.out.printf("%n  %,d messages, %,d bytes%n", MESSAGES, input.length);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long collate() throws IOException {
        long applied = 0;
        try (MonitorStream<CollatedObject> objects = Monitor.objects(MonitorOptions.builder()
                .input(new ByteArrayInputStream(input)).build())) {
            for (CollatedObject o : objects) {
                applied += o.messages();
            }
        }
        if (applied != MESSAGES) {
            throw new IllegalStateException("applied " + applied + " of " + MESSAGES + " messages");
        }
        return applied;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long messages() throws IOException {
        long read = 0;
        try (MonitorStream<Message> messages = Monitor.messages(MonitorOptions.builder()
                .input(new ByteArrayInputStream(input)).build())) {
            for (Message m : messages) {
                read += m.event().seq();
            }
        }
        return read;
    }

    /** {@code objects} contexts of five messages, {@code interleaved} at a time, as JSON lines. */
    static byte[] contexts(int objects, int interleaved) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
        Instant t0 = Instant.parse("2026-11-21T23:37:58.123456789Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream(objects * 5 * 256);
        long n = 0;
        for (int first = 0; first < objects; first += interleaved) {
            int last = Math.min(objects, first + interleaved);
            for (int step = 0; step < 5; step++) {
                for (int c = first; c < last; c++) {
                    String kind = step == 0 ? "context.born" : step == 4 ? "context.finished" : "context.update";
                    String fields = switch (step) {
                        case 0 -> "{\"url\":\"http://shop.example.com/orders/" + c + "\",\"method\":\"POST\",\"user\":"
                                + c % 977 + "}";
                        case 1 -> "{\"status\":200}";
                        case 2 -> "{\"db.ms\":" + c % 50 + ".25,\"rows\":" + c % 7 + "}";
                        case 3 -> "{\"cache\":\"hit\"}";
                        default -> "{\"elapsed\":0.0" + (c % 90 + 10) + ",\"reclaimed\":false}";
                    };
                    String line = "{\"kind\":\"" + kind + "\",\"routingKey\":\"shop.request\",\"source\":\""
                            + String.format("5c0f7a0e-1d8e-4b53-9a43-%012d", c) + "\",\"seq\":" + (step + 1)
                            + ",\"time\":\"" + time.format(t0.plusMillis(n++)) + "\",\"thread\":\"worker-" + c % 8
                            + "\",\"host\":\"box-1\",\"pid\":4242,\"fields\":" + fields + "}\n";
                    out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return out.toByteArray();
    }
}
