package dev.telltale.benchmarks;

import dev.telltale.Event;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.internal.json.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link EventCodec#encode}: the publisher thread's cost per event before the backend sees it,
 * and (with {@code -prof gc}) what it allocates, the returned array included.
 *
 * <ul>
 *   <li>{@code order}: the event every other benchmark sends, {@code id} 42, {@code status} "ok",
 *       {@code total} 99.5;
 *   <li>{@code integers}: three fields without a fraction ({@code id}, {@code status}, {@code
 *       paid} true), the case the codec promises to encode without allocating beyond the array;
 *   <li>{@code double17}: {@code total} 0.1 + 0.2, a double that needs all 17 significant digits
 *       ({@code 0.30000000000000004});
 *   <li>{@code linked}: the fields of {@code integers} in a {@code LinkedHashMap}, which the event
 *       keeps as an unmodifiable copy: walking it allocates its iterators, where walking a {@code
 *       Map.of} map allocates nothing the JIT cannot remove.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark {

    @Param({"order", "integers", "double17", "linked"})
    public String fields;

    private EventCodec codec;
    private Event event;

    @Setup(Level.Trial)
    public void create() {
        Map<String, Object> values = switch (fields) {
            case "order" -> Map.of("id", 42L, "status", "ok", "total", 99.5);
            case "integers" -> Map.of("id", 42L, "status", "ok", "paid", true);
            case "double17" -> Map.of("id", 42L, "status", "ok", "total", 0.1 + 0.2);
            case "linked" -> linked();
            default -> throw new IllegalArgumentException("unknown fields: " + fields);
        };
        codec = new EventCodec(JsonLimits.DEFAULT);
        event = Event.builder().kind("order.placed").routingKey("shop.orders")
                .source("3f2c1d9e-8a47-4b6e-9c3d-5e1f2a7b8c90").seq(1_234_567).time(Instant.now()).thread("main")
                .host("bench-host").pid(ProcessHandle.current().pid()).fields(values).build();
        System.out.printf("%n  %s (%d bytes)%n", new String(codec.encode(event), StandardCharsets.UTF_8),
                codec.encode(event).length);
    }

    private static Map<String, Object> linked() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", 42L);
        fields.put("status", "ok");
        fields.put("paid", true);
        return fields;
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(event);
    }
}
