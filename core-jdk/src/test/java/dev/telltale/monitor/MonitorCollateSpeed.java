package dev.telltale.monitor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A rough measure of {@code monitor --stdin --collate} throughput, run by hand (not a test, and it
 * asserts nothing): {@code java -cp core-jdk/target/classes:core-jdk/target/test-classes:api/target/classes
 * dev.telltale.monitor.MonitorCollateSpeed}. The JMH benchmark is {@code MonitorCollateBenchmark}
 * in the benchmarks module.
 */
public final class MonitorCollateSpeed {

    private MonitorCollateSpeed() {}

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        byte[] input = contexts(objects, 64);
        int messages = objects * 5;
        System.out.printf("%,d messages, %,d bytes (%d bytes a line)%n", messages, input.length, input.length / messages);
        double best = 0;
        for (int round = 0; round < 10; round++) {
            long start = System.nanoTime();
            long out = 0;
            try (MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder()
                    .input(new ByteArrayInputStream(input)).build())) {
                for (CollatedObject o : stream) {
                    out += o.messages();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = messages / seconds;
            best = Math.max(best, rate);
            System.out.printf("round %d: %,.0f messages/s (%,d applied)%n", round, rate, out);
        }
        System.out.printf("best: %,.0f messages/s%n", best);
    }

    /**
     * {@code objects} contexts of five messages each (born with three fields, three updates,
     * finished), {@code interleaved} running at once, as JSON lines the way the file backend
     * writes them.
     */
    static byte[] contexts(int objects, int interleaved) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(objects * 5 * 300);
        Instant t0 = Instant.parse("2026-11-21T23:37:58.123456789Z");
        long n = 0;
        for (int first = 0; first < objects; first += interleaved) {
            int last = Math.min(objects, first + interleaved);
            for (int step = 0; step < 5; step++) {
                for (int c = first; c < last; c++) {
                    String id = "5c0f7a0e-1d8e-4b53-9a43-" + String.format("%012d", c);
                    Instant t = t0.plusNanos(1_000_000L * n++);
                    String fields = switch (step) {
                        case 0 -> "{\"url\":\"http://shop.example.com/orders/" + c + "\",\"method\":\"POST\",\"user\":" + (c % 977) + "}";
                        case 1 -> "{\"status\":200}";
                        case 2 -> "{\"db.ms\":" + (c % 50) + ".25,\"rows\":" + (c % 7) + "}";
                        case 3 -> "{\"cache\":\"hit\"}";
                        default -> "{\"elapsed\":0.0" + (c % 90 + 10) + ",\"reclaimed\":false}";
                    };
                    String kind = switch (step) {
                        case 0 -> "context.born";
                        case 4 -> "context.finished";
                        default -> "context.update";
                    };
                    out.writeBytes(Lines.event(kind, "shop.request", id, step + 1, t, fields).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
        }
        return out.toByteArray();
    }
}
