package dev.telltale.cli;

import dev.telltale.Telltale;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Probes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The demo's probe by name: at the start of the run a timer is attached to {@link #TARGET}, a
 * plain static method of the shop that no proxy wraps, so only the agent can reach it. In a JVM
 * started without {@code -javaagent} the core loads the agent into this JVM first (self-attach,
 * about a second); the timer expires three quarters into the run, which gives the method its
 * original bytecode back. Where the agent cannot be loaded the summary says why, in one line.
 *
 * <p>Not thread-safe: {@link #start}, {@link #close} and {@link #summary} are called by the demo's
 * thread; the attaching runs on a thread of its own, since loading the agent takes a while.
 */
final class DemoAgent implements AutoCloseable {

    /** The method the timer is attached to, by name. */
    static final String TARGET = "demoshop.Checkout#total";

    private final Telltale telltale;
    private final Duration expireAfter;
    private final Thread thread = new Thread(this::attach, "demo-agent");
    private Instant started;
    private volatile Instant attachedAt;
    private volatile Probe probe;
    private volatile String failure;

    /** The agent probe of a run of {@code run}: attached at once, until three quarters in. */
    DemoAgent(Telltale telltale, Duration run) {
        this.telltale = telltale;
        this.expireAfter = run.multipliedBy(3).dividedBy(4);
        thread.setDaemon(true);
    }

    /** Starts attaching, on a thread of its own. */
    void start() {
        started = Instant.now();
        thread.start();
    }

    private void attach() {
        try {
            offerAgentJar();
            Probe p = Probes.of(telltale).attach(TARGET);
            attachedAt = Instant.now();
            probe = p;
            Duration left = Duration.between(Instant.now(), started.plus(expireAfter));
            p.add(InstrumentSpec.timer("checkout-total").lifespan(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left)
                    .build());
        } catch (RuntimeException e) { // no agent here (the message says how to enable it), or the run ended first
            failure = e.getMessage();
        }
    }

    /** Lets the core find the distribution's agent jar, unless the JVM was told of one already. */
    private static void offerAgentJar() {
        if (System.getProperty(AgentJar.PROPERTY) != null) {
            return;
        }
        Path jar = AgentJar.besideTheCli();
        if (jar != null && Files.isRegularFile(jar)) {
            System.setProperty(AgentJar.PROPERTY, jar.toString());
        }
    }

    /** Waits (bounded) for the attaching to finish; the probe stays until it expires or the pipeline closes. */
    @Override
    public void close() throws InterruptedException {
        thread.join(Duration.ofSeconds(40).toMillis());
    }

    /** The summary's line: what the timer on {@link #TARGET} saw, from {@code readBack} when its events arrived. */
    String summary(DemoProbeTally readBack) {
        Probe p = probe;
        if (p == null) {
            String why = failure != null ? failure : thread.isAlive() ? "the agent was still loading" : "the run ended first";
            return "Agent: no probe on " + TARGET + " (" + why + ").";
        }
        DemoProbeTally.Figures read = readBack == null ? null : readBack.figures();
        long timed = read != null ? read.timed() : p.instruments().stream().mapToLong(InstrumentStatus::hits).sum();
        String p99 = read == null || read.p99High() < 0 ? "" : ", p99 up to " + DemoProbes.nanos(read.p99High());
        String end = !p.attached() ? "then it detached and the method has its original bytecode back"
                : "still attached at the end";
        return String.format("Agent: a timer on %s, attached by name at %s through the agent: %,d calls timed%s; %s.", TARGET,
                DemoProbes.seconds(Duration.between(started, attachedAt)), timed, p99, end);
    }
}
