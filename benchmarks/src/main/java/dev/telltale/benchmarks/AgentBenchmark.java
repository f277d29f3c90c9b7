package dev.telltale.benchmarks;

import agentbench.Work;
import com.sun.tools.attach.VirtualMachine;
import dev.telltale.Telltale;
import dev.telltale.core.internal.probe.Weaving;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to a method it rewrote (issue 12's targets: at most 20 ns per call with a
 * {@code counter}; after detach, a ratio of 1.00 to the untouched method), and how long attaching
 * and detaching a probe on a loaded class take.
 *
 * <p>Each case calls its own copy of one small static method ({@link Work}): {@code baseline}
 * one never probed, {@code counter} one with a counter attached by name through the agent (lean
 * hooks: {@code Hooks.enterLean}/{@code exitLean} around the body), {@code afterDetach} one that
 * was probed and detached (its original bytes back). {@code attach} times attaching a probe and
 * arming a counter on a loaded class (one retransformation), {@code detach} removing it (another,
 * back to the original bytes); both in single-shot mode, each invocation on a fresh state.
 *
 * <p>The fork loads the agent into itself ({@code -Djdk.attach.allowAttachSelf=true}) from
 * {@code telltale.agent.jar} (default {@code agent/target/telltale-agent.jar}, then {@code
 * ../agent/target/telltale-agent.jar}): build it first ({@code mvn -pl agent -am package
 * -DskipTests}). The pipeline is {@code telltale.backend=none}; instruments live an hour.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djdk.attach.allowAttachSelf=true",
    "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading"})
@Threads(1)
@State(Scope.Benchmark)
public class AgentBenchmark {

    private static final Duration HOUR = Duration.ofHours(1);

    private Telltale telltale;
    private Probes probes;
    private int x;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        loadAgent();
        telltale = Telltale.builder().backend("none").shutdownHook(false).build();
        probes = Probes.of(telltale);
        Probe counted = probes.attach(Target.method(Work.Counted.class, "work"));
        counted.add(InstrumentSpec.counter("calls").lifespan(HOUR).build());
        Probe detached = probes.attach(Target.method(Work.Detached.class, "work"));
        detached.add(InstrumentSpec.counter("calls").lifespan(HOUR).build());
        Work.Detached.work(1);
        detached.detach();
        String status = Weaving.status(counted);
        if (!status.startsWith("rewritten")) {
            throw new IllegalStateException("the counter's class was not rewritten: " + status);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        telltale.close();
    }

    static void loadAgent() throws Exception {
        if (Weaving.weaver() != null) {
            return;
        }
        Path jar = agentJar();
        VirtualMachine vm = VirtualMachine.attach(Long.toString(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(jar.toAbsolutePath().toString());
        } finally {
            vm.detach();
        }
        if (Weaving.weaver() == null) {
            throw new IllegalStateException("the agent at " + jar + " did not install itself");
        }
    }

    private static Path agentJar() {
        String set = System.getProperty("telltale.agent.jar");
        if (set != null) {
            return Path.of(set);
        }
        for (String candidate : new String[] {"agent/target/telltale-agent.jar", "../agent/target/telltale-agent.jar"}) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("no agent jar: build it (mvn -pl agent -am package -DskipTests) or set"
                + " -Dtelltale.agent.jar");
    }

    @Benchmark
    public int baseline() {
        return Work.Plain.work(x++);
    }

    @Benchmark
    public int counter() {
        return Work.Counted.work(x++);
    }

    @Benchmark
    public int afterDetach() {
        return Work.Detached.work(x++);
    }

    /** Attach and detach on a loaded class, each timed alone. */
    @State(Scope.Benchmark)
    public static class Cycle {
        Telltale telltale;
        Probes probes;
        Probe probe;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            loadAgent();
            telltale = Telltale.builder().backend("none").shutdownHook(false).build();
            probes = Probes.of(telltale);
            Work.Cycled.work(1);
        }

        @Setup(Level.Invocation)
        public void attached() {
            if (probe == null || !probe.attached()) {
                probe = probes.attach(Target.method(Work.Cycled.class, "work"));
                probe.add(InstrumentSpec.counter("calls").lifespan(HOUR).build());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            telltale.close();
        }
    }

    /** Detached state for {@link #attach}. */
    @State(Scope.Benchmark)
    public static class Fresh {
        Telltale telltale;
        Probes probes;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            loadAgent();
            telltale = Telltale.builder().backend("none").shutdownHook(false).build();
            probes = Probes.of(telltale);
            Work.Cycled.work(1);
        }

        @TearDown(Level.Invocation)
        public void detached() {
            probes.detachAll();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            telltale.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 20)
    @Measurement(iterations = 50)
    public Probe attach(Fresh fresh) {
        Probe p = fresh.probes.attach(Target.method(Work.Cycled.class, "work"));
        p.add(InstrumentSpec.counter("calls").lifespan(HOUR).build());
        return p;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 20)
    @Measurement(iterations = 50)
    public boolean detach(Cycle cycle) {
        cycle.probe.detach();
        return cycle.probe.attached();
    }
}
