package dev.telltale.benchmarks;

import dev.telltale.trace.Extracted;
import dev.telltale.trace.Propagation;
import dev.telltale.trace.SpanContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What propagation costs a request: reading a caller's context from its headers ({@code extract})
 * and writing one into an outgoing request's ({@code inject}), for W3C Trace Context (with and
 * without a {@code tracestate}) and B3's two forms. The carrier is a {@code HashMap} with
 * lower-case names, so the numbers are the codec's, not a header map's. Run with {@code -prof gc}
 * for bytes per call: extraction allocates the context (and the {@code tracestate} it keeps),
 * injection the header values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PropagationBenchmark {

    private static final Propagation.Getter<Map<String, List<String>>> GET = Map::get;
    private static final Propagation.Setter<Map<String, String>> SET = Map::put;

    @Param({"w3c", "w3c-tracestate", "b3-single", "b3-multi"})
    public String format;

    private Propagation propagation;
    private Map<String, List<String>> incoming;
    private final Map<String, String> outgoing = new HashMap<>();
    private SpanContext context;

    @Setup
    public void setUp() {
        context = new SpanContext(0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L, 0x00f067aa0ba902b7L,
                SpanContext.SAMPLED | SpanContext.RANDOM,
                format.equals("w3c-tracestate") ? "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE" : "");
        propagation = switch (format) {
            case "w3c", "w3c-tracestate" -> Propagation.w3c();
            case "b3-single" -> Propagation.b3Single();
            case "b3-multi" -> Propagation.b3Multi();
            default -> throw new IllegalArgumentException(format);
        };
        Map<String, String> written = new HashMap<>();
        propagation.inject(context, written, SET);
        incoming = new HashMap<>();
        written.forEach((k, v) -> incoming.put(k, List.of(v)));
        if (!propagation.extract(incoming, GET).found()) {
            throw new IllegalStateException("the headers written do not read back: " + incoming);
        }
    }

    @Benchmark
    public Extracted extract() {
        return propagation.extract(incoming, GET);
    }

    @Benchmark
    public Map<String, String> inject() {
        propagation.inject(context, outgoing, SET);
        return outgoing;
    }
}
