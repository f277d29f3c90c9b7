package dev.telltale.probe;

import dev.telltale.internal.Durations;
import dev.telltale.internal.Fatal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Pauses calls of a target so a test can line threads up (the concurrency tests of Byteman's
 * BMUnit or the seed's {@code Breakpoint}): {@code try (var bp = Breakpoint.on(probes, target,
 * ProbeEvent.CALL)) { bp.startThread(work); bp.await(1, timeout); ... bp.release(); }}.
 *
 * <p>Three forms: {@link #on} pauses each matching call until {@link #release()} (or at most
 * {@link Builder#maxPause}, 1 minute by default, so a forgotten breakpoint cannot hang a build);
 * {@link Builder#fail} makes each matching call throw; {@link Builder#recordOnly} never blocks
 * and only records. Works on every target kind {@link Probes#attach} accepts.
 *
 * <p><b>How.</b> A breakpoint is an {@link Instrument} of type {@code breakpoint}, named {@code
 * breakpoint-N}, added to the target's probe with no rate limit; it shows in {@link
 * Probe#instruments()} and publishes the probe events every instrument does. Like every
 * instrument it lives {@link InstrumentSpec#DEFAULT_LIFESPAN 10 minutes} at most; when it leaves
 * its probe for any reason (lifespan, {@link Probe#detach()}, the pipeline's close) paused calls
 * go on and later calls pass unseen.
 *
 * <p><b>The pipeline's close.</b> Closing the pipeline whose {@link Probes} a breakpoint was made
 * on ends the breakpoint even if nobody closed it: paused calls go on, {@link #startThread} fails
 * from then on, and the close waits, 10 seconds at most for all of them, for the threads it
 * started to end (those still running are logged on {@code dev.telltale.probe}). It throws
 * nothing there: {@link #close()} is still where a thread's failure, or a pause that ran out,
 * reaches the test.
 *
 * <p><b>Threads and blocking.</b> Thread-safe. In the pausing form the calling thread waits
 * inside the probed call, so make such calls on other threads ({@link #startThread}); a call on
 * the test's own thread waits until {@link Builder#maxPause}. A call made by an interrupted
 * thread, or interrupted while paused, goes on at once with its interrupt status kept. {@link
 * #await} and {@link #close()} block, each for a bounded time; nothing spins. Anything the
 * breakpoint itself reports goes to the test as an {@link AssertionError}: a failed {@code
 * await}, and from {@code close} a thread it started that threw or did not end, or a call that
 * went on only because its pause ran out.
 */
public final class Breakpoint implements AutoCloseable {

    private static final AtomicLong NAMES = new AtomicLong();
    private static final AtomicLong THREADS = new AtomicLong();
    private static final long JOIN_SECONDS = 10;

    private final Probe probe;
    private final String name;
    private final String description;
    private final String form;
    private final Duration maxPause;
    private final BreakpointGate gate;

    private Breakpoint(Probe probe, String name, String description, String form, Duration maxPause,
            BreakpointGate gate) {
        this.probe = probe;
        this.name = name;
        this.description = description;
        this.form = form;
        this.maxPause = maxPause;
        this.gate = gate;
    }

    /**
     * A pausing breakpoint on {@code event} of {@code target}, armed now.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if nothing serves the target (see {@link Probes#attach})
     * @throws IllegalStateException if probes are unavailable or the pipeline is closed
     */
    public static Breakpoint on(Probes probes, Target target, ProbeEvent event) {
        return builder(probes, target).event(event).build();
    }

    /**
     * A builder for a breakpoint on {@code target} (default: pause on call).
     *
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Probes probes, Target target) {
        return new Builder(Objects.requireNonNull(probes, "probes == null"), Objects.requireNonNull(target, "target == null"));
    }

    /**
     * Starts a daemon thread named {@code telltale-breakpoint-N} running {@code task}; {@link
     * #close()} joins it, and fails if {@code task} threw.
     *
     * @throws NullPointerException if {@code task} is null
     * @throws IllegalStateException if the breakpoint is closed, or the pipeline it was made on
     */
    public Thread startThread(Runnable task) {
        Objects.requireNonNull(task, "task == null");
        Thread thread = new Thread(() -> run(task), "telltale-breakpoint-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        if (!gate.start(thread)) {
            throw new IllegalStateException(description + " is closed, or the pipeline it was made on:"
                    + " start threads before closing them");
        }
        return thread;
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            gate.threadFailed(Thread.currentThread(), t);
            Fatal.propagateIfFatal(t);
        }
    }

    /**
     * Waits until at least {@code hits} calls have reached the breakpoint since it was armed.
     * Stops early, failing, when no more can come (the breakpoint was closed or left its probe)
     * or a thread it started threw.
     *
     * @throws AssertionError if that does not happen within {@code timeout}; the message says
     *     how many did ({@code "breakpoint on pkg.Type#method (call): 1 of 2 hits within PT5S"})
     *     and why it stopped early; a started thread's throwable is the cause. Also if the waiting
     *     thread is interrupted (its interrupt status is kept)
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code hits} is less than 1 or {@code timeout} is negative
     */
    public void await(int hits, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        if (hits < 1) {
            throw new IllegalArgumentException("hits must be at least 1 but was " + hits);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative but was " + timeout);
        }
        long reached;
        try {
            reached = gate.awaitHits(hits, Durations.nanos(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(description + ": interrupted while waiting for " + hits + " hits; "
                    + gate.hits() + " arrived", e);
        }
        if (reached >= hits) {
            return;
        }
        BreakpointGate.State s = gate.state();
        List<String> why = new ArrayList<>();
        if (s.closed()) {
            why.add("the breakpoint is closed");
        } else if (s.disarmed()) {
            why.add("the breakpoint left its probe (removed, lifespan over, probe detached or pipeline closed)");
        }
        explain(s, why);
        StringBuilder message = new StringBuilder(description).append(": ").append(s.hits()).append(" of ").append(hits)
                .append(" hits within ").append(timeout);
        why.forEach(w -> message.append("; ").append(w));
        throw failure(message.toString(), s);
    }

    /** The number of calls that reached the breakpoint (saturating at {@link Integer#MAX_VALUE}). */
    public int hits() {
        return (int) Math.min(Integer.MAX_VALUE, gate.hits());
    }

    /** The calls paused now. */
    public int paused() {
        return gate.paused();
    }

    /**
     * The frame of the first call still paused, or of the last call recorded if none is paused.
     *
     * @throws IllegalStateException if no call reached the breakpoint
     */
    public Frame frame() {
        Frame f = gate.frame();
        if (f == null) {
            throw new IllegalStateException("no call has reached the " + description + " yet");
        }
        return f;
    }

    /**
     * The frames of the calls that reached the breakpoint, oldest first: every one, up to the
     * latest 10,000 (past that the oldest are let go, so a record-only breakpoint on a busy call
     * stays bounded; {@link #hits()} still counts them all).
     */
    public List<Frame> frames() {
        return gate.frames();
    }

    /** Lets every call paused now continue; later calls pause again. Returns at once. */
    public void release() {
        gate.release();
    }

    /**
     * Disarms the breakpoint (its instrument leaves the probe, which detaches itself if that was
     * its last), releases every paused call and joins the threads it started, waiting at most 10
     * seconds for them all. Idempotent: a second call does nothing.
     *
     * @throws AssertionError if a started thread has not ended within 10 seconds (the message
     *     names it and shows its stack), if a started thread threw (the cause; later ones are
     *     suppressed), or if a paused call went on because its {@link Builder#maxPause} ran out, a
     *     call the test never released. Everything above is done first.
     */
    @Override
    public void close() {
        if (!gate.shut()) {
            return;
        }
        try {
            probe.remove(name);
        } finally {
            join();
        }
    }

    private void join() {
        List<Thread> threads = gate.state().threads();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
        boolean interrupted = false;
        for (Thread t : threads) {
            try {
                TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadline - System.nanoTime()));
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        BreakpointGate.State s = gate.state();
        List<String> problems = new ArrayList<>();
        for (Thread t : s.threads()) {
            if (t.isAlive()) {
                StringBuilder b = new StringBuilder(t.getName()).append(interrupted
                        ? " is still running (close was interrupted while joining it)"
                        : " is still running " + JOIN_SECONDS + " s after close");
                for (StackTraceElement e : t.getStackTrace()) {
                    b.append("\n\tat ").append(e);
                }
                problems.add(b.toString());
            }
        }
        explain(s, problems);
        if (!problems.isEmpty()) {
            throw failure(description + ": " + String.join("; ", problems), s);
        }
    }

    /** What went wrong besides: started threads that threw, pauses that outlived maxPause. */
    private void explain(BreakpointGate.State s, List<String> into) {
        for (int i = 0; i < s.failures().size(); i++) {
            into.add(s.failedThreads().get(i) + " threw " + s.failures().get(i));
        }
        if (s.outwaited() > 0) {
            into.add(s.outwaited() + (s.outwaited() == 1 ? " call went" : " calls went") + " on after maxPause "
                    + maxPause + " without release()");
        }
    }

    /** An AssertionError with the first failure of a started thread as its cause, later ones suppressed. */
    private static AssertionError failure(String message, BreakpointGate.State s) {
        AssertionError failure = new AssertionError(message);
        List<Throwable> causes = s.failures();
        for (int i = 0; i < causes.size(); i++) {
            if (i == 0) {
                failure.initCause(causes.get(0));
            } else {
                failure.addSuppressed(causes.get(i));
            }
        }
        return failure;
    }

    @Override
    public String toString() {
        return "Breakpoint{" + description + ", " + form + ", hits " + gate.hits() + ", paused " + gate.paused() + "}";
    }

    /**
     * What a call that reached the breakpoint looked like: copied when it arrived.
     *
     * @param thread the calling thread
     * @param self the receiver, or null (a method handle's receiver is its first argument)
     * @param args the arguments, unmodifiable; elements may be null
     * @param result the result (return breakpoints)
     * @param exception the exception (exception breakpoints)
     */
    public record Frame(Thread thread, Object self, List<Object> args, Object result, Throwable exception) {}

    /** Configures a breakpoint. Not thread-safe; each {@link #build()} arms a new breakpoint. */
    public static final class Builder {

        private final Probes probes;
        private final Target target;
        private ProbeEvent event = ProbeEvent.CALL;
        private String condition;
        private Supplier<? extends Throwable> error;
        private boolean recordOnly;
        private Duration maxPause = Duration.ofMinutes(1);

        private Builder(Probes probes, Target target) {
            this.probes = probes;
            this.target = target;
        }

        /**
         * The event to stop on; default {@link ProbeEvent#CALL}.
         *
         * @throws NullPointerException if {@code event} is null
         */
        public Builder event(ProbeEvent event) {
            this.event = Objects.requireNonNull(event, "event == null");
            return this;
        }

        /**
         * Only calls for which {@code expression} is true (see {@link InstrumentSpec}); null or
         * blank for every call. Checked by {@link #build()}.
         */
        public Builder condition(String expression) {
            this.condition = expression;
            return this;
        }

        /**
         * Makes each matching call throw what {@code error} supplies instead of pausing (or what
         * {@code error} itself throws; a null becomes a {@link NullPointerException} saying so).
         * Replaces {@link #recordOnly()}. A proxy's caller receives a checked exception its
         * method does not declare as an {@link java.lang.reflect.UndeclaredThrowableException},
         * as Java's proxies do.
         *
         * @throws NullPointerException if {@code error} is null
         */
        public Builder fail(Supplier<? extends Throwable> error) {
            this.error = Objects.requireNonNull(error, "error == null");
            this.recordOnly = false;
            return this;
        }

        /** Never blocks: only records frames and counts hits. Replaces {@link #fail}. */
        public Builder recordOnly() {
            this.recordOnly = true;
            this.error = null;
            return this;
        }

        /**
         * The longest one call stays paused; default 1 minute. A call that waits that long goes on,
         * and {@link Breakpoint#close()} then fails saying so.
         *
         * @throws NullPointerException if {@code max} is null
         * @throws IllegalArgumentException if {@code max} is not positive
         */
        public Builder maxPause(Duration max) {
            Objects.requireNonNull(max, "maxPause == null");
            if (max.isNegative() || max.isZero()) {
                throw new IllegalArgumentException("maxPause " + max + " is not positive");
            }
            this.maxPause = max;
            return this;
        }

        /**
         * Arms the breakpoint: attaches the target's probe (or takes the one attached) and adds
         * the breakpoint's instrument to it.
         *
         * @throws IllegalArgumentException if nothing serves the target (see {@link
         *     Probes#attach}) or the condition does not parse (the message names the column)
         * @throws IllegalStateException if probes are unavailable or the pipeline is closed
         */
        public Breakpoint build() {
            String name = "breakpoint-" + NAMES.incrementAndGet();
            String description = "breakpoint on " + target + " (" + event.name().toLowerCase(Locale.ROOT) + ")";
            boolean pause = error == null && !recordOnly;
            BreakpointGate gate = new BreakpointGate(description, pause, error, Durations.nanos(maxPause));
            InstrumentSpec spec = InstrumentSpec.builder("breakpoint", name).event(event).condition(condition)
                    .rateLimit(0).build();
            Probe probe = arm(spec, gate);
            return new Breakpoint(probe, name, description, pause ? "pause" : error != null ? "fail" : "record-only",
                    maxPause, gate);
        }

        private Probe arm(InstrumentSpec spec, Instrument gate) {
            boolean existed = probes.probe(target).isPresent();
            Probe probe = probes.attach(target);
            try {
                probe.add(spec, gate);
                return probe;
            } catch (IllegalStateException e) {
                Probe now = probes.probe(target).orElse(null);
                if (probe.attached() && now == probe) {
                    throw e;
                }
                // its last instrument left between attach and add, and it detached: once more
                probe = probes.attach(target);
                probe.add(spec, gate);
                return probe;
            } catch (RuntimeException e) {
                if (!existed && probe.instruments().stream().noneMatch(s -> s.state() == InstrumentStatus.State.ACTIVE)) {
                    probe.detach(); // attached here for nothing
                }
                throw e;
            }
        }
    }
}
