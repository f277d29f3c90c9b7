package dev.telltale.core.internal.json;

import dev.telltale.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rough measure of encoding speed, run by hand (not a test, and it asserts nothing):
 * {@code java -cp core-jdk/target/classes:core-jdk/target/test-classes:api/target/classes
 * dev.telltale.core.internal.json.EventCodecSpeed}. A JMH benchmark belongs in the benchmarks
 * module once it exists.
 */
public final class EventCodecSpeed {

    private static long sink;

    private EventCodecSpeed() {}

    public static void main(String[] args) {
        Instant time = Instant.parse("2026-11-21T23:37:58.123456789Z");
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("orderId", "A-1234");
        linked.put("amount", 1250L);
        linked.put("ok", true);
        measure("no fields", event(time, Map.of()));
        measure("3 small fields, Map.of", event(time, Map.of("orderId", "A-1234", "amount", 1250L, "ok", true)));
        measure("3 small fields, LinkedHashMap", event(time, linked));
        measure("one short double", event(time, Map.of("ms", 12.345)));
        measure("one 17-digit double", event(time, Map.of("ratio", 0.1 + 0.2)));
        System.out.println("(" + sink + ")");
    }

    private static Event event(Instant time, Map<String, Object> fields) {
        return new Event("probe.hit", "probe.hit.orders", "probe-17", 42, time, "main", "host-1", 4242,
                Map.of(), fields);
    }

    private static void measure(String name, Event event) {
        EventCodec codec = new EventCodec(JsonLimits.DEFAULT);
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            int count = 1_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sink += codec.encode(event).length;
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) count);
        }
        System.out.printf("%-32s %7.1f ns/event  %d bytes%n", name, best, codec.encode(event).length);
    }
}
