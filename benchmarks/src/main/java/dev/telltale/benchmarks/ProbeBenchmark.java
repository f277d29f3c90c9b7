package dev.telltale.benchmarks;

import dev.telltale.Telltale;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What a probe adds to one call (issue 11's targets for the method-handle path: at most 2 ns with
 * no active instrument, at most 25 ns with a {@code counter}, 0 B per call with a {@code counter}
 * or a {@code timer}).
 *
 * <p><b>Method handles</b> ({@code handle*}): each case calls its own {@code static final}
 * handle with {@code invokeExact}, so the JIT sees a constant and inlines through the probe's
 * {@link java.lang.invoke.MutableCallSite}; the target is {@link #work}, a small static method
 * whose result JMH consumes. {@code handleBaseline} calls the original handle, unprobed; {@code
 * handleNeverAttached} a handle made by {@link Probes#handle} that no probe was ever attached to;
 * {@code handleStopped} one whose probe holds a counter and was {@linkplain Probe#stop()
 * stopped} (both: no active instrument, the call site back at the original); then one probe each
 * with a {@code counter}, a {@code timer} (on return, the call's elapsed time) and a {@code log}
 * on call at 1,000 hits a second, so almost every call is counted as limited and only a thousand
 * a second publish an event.
 *
 * <p><b>Proxies</b> ({@code proxy*}): an interface call through {@code java.lang.reflect.Proxy}.
 * {@code proxyNoop}'s handler does nothing (returns a constant without calling the target);
 * {@code proxyInvoke}'s calls the target with {@code Method.invoke}, what any forwarding proxy
 * does, and the fair baseline for Telltale's; {@code proxyProbed} is {@link Probes#proxy} with no
 * probe attached; {@code proxyStopped} one whose probe holds a counter and was stopped (no active
 * instrument); then {@code proxyCounter}, {@code proxyTimer} and {@code proxyLog} (on call, at
 * 1,000 hits a second), as for handles. Each Telltale proxy implements an interface of its own of
 * the same shape, because a probe on a method serves every proxy of its interface.
 *
 * <p>The pipeline is {@code telltale.backend=none} (events go to JFR only, and no recording runs),
 * so a log hit's event is made and dropped cheaply; the {@code System.Logger} line each log hit
 * also writes ({@code dev.telltale.probe}, INFO) is turned off, so the console is not measured.
 * Every instrument lives an hour, longer than any run. Run with {@code -prof gc} for B/op.
 *
 * <p>{@code profile=clean} runs each case in a JVM that never saw another kind of instrument;
 * {@code profile=mixed} first calls every probe point, as an application with several kinds of
 * instrument would. Besides JMH's wall-clock score, each run prints the benchmark thread's own CPU
 * time per call ({@code thread cpu}), steadier on a shared machine; every case pays the same
 * field increment for it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// a fixed, pre-touched heap: the proxies allocate 40 B a call, and a growing young generation's
// first touch of new pages (page faults, charged to the calling thread) made whole iterations ten
// times slower on a loaded machine
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Threads(1)
@State(Scope.Benchmark)
public class ProbeBenchmark {

    /** The probed method: small, static, with a result JMH consumes. */
    static int work(int x) {
        return x * 31 + 7;
    }

    /** The proxies' interface. */
    public interface Calc {
        int apply(int x);
    }

    /** The same shape, for the proxy a counter is attached to. */
    public interface CountedCalc {
        int apply(int x);
    }

    /** The same shape, for the proxy whose probe is stopped. */
    public interface StoppedCalc {
        int apply(int x);
    }

    /** The same shape, for the proxy a timer is attached to. */
    public interface TimedCalc {
        int apply(int x);
    }

    /** The same shape, for the proxy a rate-limited log is attached to. */
    public interface LoggedCalc {
        int apply(int x);
    }

    private static final Duration LIFESPAN = Duration.ofHours(1);
    private static final Logger PROBE_LOG = Logger.getLogger("dev.telltale.probe"); // kept: levels are weak
    private static final Telltale TELLTALE;
    private static final MethodHandle BASELINE;
    private static final MethodHandle NEVER_ATTACHED;
    private static final MethodHandle STOPPED;
    private static final MethodHandle COUNTER;
    private static final MethodHandle TIMER;
    private static final MethodHandle LOG;
    private static final Calc PROXY_NOOP;
    private static final Calc PROXY_INVOKE;
    private static final Calc PROXY_PROBED;
    private static final CountedCalc PROXY_COUNTER;
    private static final StoppedCalc PROXY_STOPPED;
    private static final TimedCalc PROXY_TIMER;
    private static final LoggedCalc PROXY_LOG;
    private static final Probe[] PROBES = new Probe[6];

    static {
        PROBE_LOG.setLevel(java.util.logging.Level.OFF);
        TELLTALE = Telltale.builder()
                .readEnvironment(false)
                .shutdownHook(false)
                .backend("none")
                .healthInterval(Duration.ZERO)
                .build();
        Probes probes = Probes.of(TELLTALE);
        try {
            BASELINE = MethodHandles.lookup().findStatic(ProbeBenchmark.class, "work",
                    MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        NEVER_ATTACHED = probes.handle("never-attached", BASELINE);
        STOPPED = probes.handle("stopped", BASELINE);
        probes.attach(Target.handle("stopped")).add(InstrumentSpec.counter("calls").lifespan(LIFESPAN).build()).stop();
        COUNTER = probes.handle("counter", BASELINE);
        PROBES[0] = probes.attach(Target.handle("counter")).add(InstrumentSpec.counter("calls").lifespan(LIFESPAN).build());
        TIMER = probes.handle("timer", BASELINE);
        PROBES[1] = probes.attach(Target.handle("timer")).add(InstrumentSpec.timer("elapsed").lifespan(LIFESPAN).build());
        LOG = probes.handle("log", BASELINE);
        PROBES[2] = probes.attach(Target.handle("log"))
                .add(InstrumentSpec.log("calls", null).rateLimit(1000).lifespan(LIFESPAN).build());

        Calc target = ProbeBenchmark::work;
        Integer constant = 7;
        PROXY_NOOP = proxy(Calc.class, (proxy, method, args) -> constant);
        PROXY_INVOKE = proxy(Calc.class, (proxy, method, args) -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        PROXY_PROBED = probes.proxy(Calc.class, target);
        PROXY_COUNTER = probes.proxy(CountedCalc.class, ProbeBenchmark::work);
        PROBES[3] = probes.attach(Target.method(CountedCalc.class, "apply"))
                .add(InstrumentSpec.counter("calls").lifespan(LIFESPAN).build());
        PROXY_STOPPED = probes.proxy(StoppedCalc.class, ProbeBenchmark::work);
        probes.attach(Target.method(StoppedCalc.class, "apply"))
                .add(InstrumentSpec.counter("calls").lifespan(LIFESPAN).build()).stop();
        PROXY_TIMER = probes.proxy(TimedCalc.class, ProbeBenchmark::work);
        PROBES[4] = probes.attach(Target.method(TimedCalc.class, "apply"))
                .add(InstrumentSpec.timer("elapsed").lifespan(LIFESPAN).build());
        PROXY_LOG = probes.proxy(LoggedCalc.class, ProbeBenchmark::work);
        PROBES[5] = probes.attach(Target.method(LoggedCalc.class, "apply"))
                .add(InstrumentSpec.log("calls", null).rateLimit(1000).lifespan(LIFESPAN).build());
    }

    private static <T> T proxy(Class<T> iface, InvocationHandler handler) {
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, handler));
    }

    /**
     * {@code clean}: each fork calls only its own case, so the dispatcher's calls into instruments
     * see one instrument class and are inlined. {@code mixed}: before the warm-up, every probed
     * handle and proxy is called (200,000 times each), so those calls see every class, as in an
     * application with several kinds of instrument; the compiled code has to dispatch.
     */
    @Param({"clean", "mixed"})
    public String profile;

    @Setup(Level.Trial)
    public void exercise() throws Throwable {
        if (profile.equals("mixed")) {
            long sum = 0;
            for (int i = 0; i < 200_000; i++) {
                sum += (int) COUNTER.invokeExact(i) + (int) TIMER.invokeExact(i) + (int) LOG.invokeExact(i)
                        + (int) STOPPED.invokeExact(i) + (int) NEVER_ATTACHED.invokeExact(i)
                        + PROXY_PROBED.apply(i) + PROXY_COUNTER.apply(i) + PROXY_STOPPED.apply(i)
                        + PROXY_TIMER.apply(i) + PROXY_LOG.apply(i);
            }
            System.out.println("  exercised every probe point (" + sum + ")");
        }
    }

    /** Prints what each probe that was called recorded, and closes the pipeline. */
    @TearDown(Level.Trial)
    public void close() {
        for (Probe p : PROBES) {
            p.instruments().stream().filter(s -> s.hits() + s.limited() > 0)
                    .forEach(s -> System.out.println("  " + p.target() + " " + s.spec().name() + ": " + s.hits()
                            + " hits, " + s.limited() + " limited"));
        }
        TELLTALE.close();
    }

    /**
     * The argument, read from a field so that the JIT cannot fold the call; and the benchmark
     * thread's own CPU time per call, which leaves out the time the thread waited for a core
     * (printed after the last iteration: on a busy machine it is the steadier figure).
     */
    @State(Scope.Thread)
    public static class Arg {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public int x = 42; // the result, 1309, is outside Integer's cache: a boxed result would show
        long ops;
        private long cpuAtStart;
        private final StringBuilder perIteration = new StringBuilder();
        private long measuredOps;
        private long measuredCpu;
        private int measuredIterations;

        @Setup(Level.Iteration)
        public void begin() {
            ops = 0;
            cpuAtStart = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void end(IterationParams iteration) {
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
            if (iteration.getType() != IterationType.MEASUREMENT || cpuAtStart < 0) {
                return;
            }
            measuredOps += ops;
            measuredCpu += cpu;
            perIteration.append(perIteration.length() == 0 ? "" : ", ")
                    .append(String.format("%.2f", (double) cpu / Math.max(1, ops)));
            if (++measuredIterations == iteration.getCount()) {
                System.out.printf("  thread cpu: %.2f ns/op (iterations: %s)%n",
                        (double) measuredCpu / Math.max(1, measuredOps), perIteration);
            }
        }
    }

    @Benchmark
    public int handleBaseline(Arg a) throws Throwable {
        a.ops++;
        return (int) BASELINE.invokeExact(a.x);
    }

    @Benchmark
    public int handleNeverAttached(Arg a) throws Throwable {
        a.ops++;
        return (int) NEVER_ATTACHED.invokeExact(a.x);
    }

    @Benchmark
    public int handleStopped(Arg a) throws Throwable {
        a.ops++;
        return (int) STOPPED.invokeExact(a.x);
    }

    @Benchmark
    public int handleCounter(Arg a) throws Throwable {
        a.ops++;
        return (int) COUNTER.invokeExact(a.x);
    }

    @Benchmark
    public int handleTimer(Arg a) throws Throwable {
        a.ops++;
        return (int) TIMER.invokeExact(a.x);
    }

    @Benchmark
    public int handleLog(Arg a) throws Throwable {
        a.ops++;
        return (int) LOG.invokeExact(a.x);
    }

    @Benchmark
    public int proxyNoop(Arg a) {
        a.ops++;
        return PROXY_NOOP.apply(a.x);
    }

    @Benchmark
    public int proxyInvoke(Arg a) {
        a.ops++;
        return PROXY_INVOKE.apply(a.x);
    }

    @Benchmark
    public int proxyProbed(Arg a) {
        a.ops++;
        return PROXY_PROBED.apply(a.x);
    }

    @Benchmark
    public int proxyCounter(Arg a) {
        a.ops++;
        return PROXY_COUNTER.apply(a.x);
    }

    @Benchmark
    public int proxyStopped(Arg a) {
        a.ops++;
        return PROXY_STOPPED.apply(a.x);
    }

    @Benchmark
    public int proxyTimer(Arg a) {
        a.ops++;
        return PROXY_TIMER.apply(a.x);
    }

    @Benchmark
    public int proxyLog(Arg a) {
        a.ops++;
        return PROXY_LOG.apply(a.x);
    }
}
