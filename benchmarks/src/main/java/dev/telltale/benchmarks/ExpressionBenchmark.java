package dev.telltale.benchmarks;

import dev.telltale.core.internal.probe.expr.Expression;
import java.math.BigDecimal;
import java.util.List;
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
 * {@link Expression#test}: what a probe's condition costs on the application's thread, and (with
 * {@code -prof gc}) what it allocates.
 *
 * <ul>
 *   <li>{@code elapsed}: {@code elapsed > 5ms}, two {@code long}s, which should allocate nothing;
 *   <li>{@code arg}: {@code args[0] > 1000 && args[1] == 'PAID'}, an {@link Integer} against a
 *       literal and a string, also nothing;
 *   <li>{@code path}: {@code order.customer.vip && order.items.size() > 2}, a parameter's name, two
 *       record components by reflection (one returns a boxed {@code boolean}) and a size;
 *   <li>{@code decimal}: {@code order.total >= 99}, a {@link BigDecimal} against a {@code long},
 *       which converts the literal to a {@link BigDecimal} on every call.
 * </ul>
 *
 * <p>A first short run on the 2-core development machine ({@code -wi 2 -w 1 -i 3 -r 1 -f 1 -prof
 * gc}, JDK 17): about 6, 36, 35 and 24 ns, with wide error bars, and no allocation in any case
 * (the JIT removed the conversion's {@link BigDecimal}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ExpressionBenchmark {

    public record Customer(String name, boolean vip) {}

    public record Order(Customer customer, BigDecimal total, List<String> items) {}

    @Param({"elapsed", "arg", "path", "decimal"})
    public String expression;

    private Expression parsed;
    private Call call;

    @Setup
    public void parse() {
        parsed = Expression.parse(switch (expression) {
            case "elapsed" -> "elapsed > 5ms";
            case "arg" -> "args[0] > 1000 && args[1] == 'PAID'";
            case "path" -> "order.customer.vip && order.items.size() > 2";
            default -> "order.total >= 99";
        });
        Order order = new Order(new Customer("Ada", true), new BigDecimal("99.50"), List.of("a", "b", "c"));
        call = new Call(expression.equals("arg") ? new Object[] {5000, "PAID"} : new Object[] {order});
    }

    @Benchmark
    public boolean test() {
        return parsed.test(call);
    }

    /** A call with fixed parts, as the probe engine's per-hit view would be. */
    static final class Call implements dev.telltale.core.internal.probe.expr.Scope {

        private final Object[] args;

        Call(Object[] args) {
            this.args = args;
        }

        @Override
        public Object self() {
            return null;
        }

        @Override
        public int argCount() {
            return args.length;
        }

        @Override
        public Object arg(int index) {
            return args[index];
        }

        @Override
        public int parameterIndex(String name) {
            return name.equals("order") ? 0 : -1;
        }

        @Override
        public Object result() {
            return null;
        }

        @Override
        public Throwable exception() {
            return null;
        }

        @Override
        public long elapsedNanos() {
            return 6_000_000L;
        }

        @Override
        public Thread thread() {
            return Thread.currentThread();
        }
    }
}
