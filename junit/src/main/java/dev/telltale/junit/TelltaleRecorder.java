package dev.telltale.junit;

import dev.telltale.DropReason;
import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.junit.internal.MemoryStore;
import dev.telltale.probe.Breakpoint;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One test's Telltale pipeline and the events it published, kept in memory: what {@link
 * TelltaleExtension} injects into a test method (or a {@code @BeforeEach} or {@code @AfterEach}
 * method) declaring a parameter of this type.
 *
 * <pre>{@code
 * @Test
 * void placing_an_order_emits_it(TelltaleRecorder recorder) {
 *     new Shop(recorder.telltale()).place(42);
 *     Event placed = recorder.awaitEvent(e -> e.kind().equals("order.placed"), Duration.ofSeconds(5));
 *     assertEquals(42L, placed.field("id"));
 * }
 * }</pre>
 *
 * <p><b>Events as read back.</b> Each event is the one published, decoded from its JSON, so field
 * values are what a consumer sees: integers as {@code Long}, other numbers as {@code Double},
 * records and maps as maps, collections and arrays as lists, enums and {@code java.time} values
 * as strings (see {@code docs/EVENTS.md}). At most {@code telltale.memory.capacity} events are
 * kept (100,000 unless configured); past that the oldest are dropped and counted in {@link
 * #evicted()}, which fails the test unless drops are allowed.
 *
 * <p><b>Life.</b> The pipeline is built before the first {@code @BeforeEach} method runs and
 * closed after the last {@code @AfterEach} method: then breakpoints made here are closed, every
 * probe is detached, the pipeline is closed (ending the breakpoints made on {@link #probes()}
 * otherwise, and joining their threads), and the test fails if an event was dropped (unless
 * {@link #allowDrops()} or {@link TelltaleExtension.Builder#failOnDrops(boolean)} says not to).
 * The events stay readable afterwards.
 *
 * <p><b>Threads and blocking.</b> Thread-safe. {@link #events()} and the {@code await} methods
 * block: they flush what was emitted before the call (waiting at most 10 seconds for the pipeline
 * to publish it), and the {@code await} methods then wait at most the time given for more. Nulls are refused with a {@link
 * NullPointerException} naming the argument.
 */
public final class TelltaleRecorder {

    private static final Duration FLUSH_WAIT = Duration.ofSeconds(10);
    private static final int LISTED = 50;

    private final Telltale telltale;
    private final MemoryStore store;
    private final List<Breakpoint> breakpoints = new ArrayList<>(); // guarded by itself
    private volatile boolean dropsAllowed;

    TelltaleRecorder(Telltale telltale, MemoryStore store) {
        this.telltale = telltale;
        this.store = store;
    }

    /**
     * The test's pipeline: make emitters with it ({@code telltale().emitter("shop.orders")}) and
     * start contexts on it ({@code Context.builder().name("shop.request").telltale(telltale())}).
     */
    public Telltale telltale() {
        return telltale;
    }

    /** The probes of the test's pipeline, {@code telltale().probes()}. */
    public Probes probes() {
        return telltale.probes();
    }

    /** The pipeline's accounting now, {@code telltale().stats()}. */
    public PipelineStats stats() {
        return telltale.stats();
    }

    /**
     * How many published events were dropped from memory, the oldest first, because more than
     * {@code telltale.memory.capacity} arrived; like {@link #stats()} it does not flush, so call
     * {@link #events()} first to count what was just emitted. Evicted events count as published
     * in {@link #stats()}.
     */
    public long evicted() {
        return store.evicted();
    }

    /**
     * Every event published so far, oldest first, after flushing what was emitted before this
     * call.
     *
     * @throws AssertionError if the pipeline did not publish (or drop) those events within 10
     *     seconds
     */
    public List<Event> events() {
        flush();
        return store.events();
    }

    /**
     * The events, as {@link #events()}, whose kind is {@code kindPrefix} or starts with it
     * followed by a dot: {@code "context"} finds {@code context.born}, {@code context.update}
     * and the others, {@code "order.placed"} that kind alone. A prefix that ends with a dot
     * ({@code "context."}) finds the kinds that start with it.
     *
     * @throws NullPointerException if {@code kindPrefix} is null
     * @throws AssertionError as {@link #events()}
     */
    public List<Event> events(String kindPrefix) {
        Predicate<Event> kind = kind(kindPrefix);
        List<Event> matching = new ArrayList<>();
        for (Event e : events()) {
            if (kind.test(e)) {
                matching.add(e);
            }
        }
        return matching;
    }

    /**
     * The first published event (the oldest) for which {@code condition} is true, waiting for it
     * at most {@code timeout}. What was emitted before the call is flushed first, as by {@link
     * #events()}, so a zero timeout looks at exactly that; then each event published meanwhile is
     * tested as it arrives.
     *
     * @throws AssertionError if none arrived in time, or the flush failed as in {@link #events()};
     *     the message lists the events that did arrive
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Event awaitEvent(Predicate<? super Event> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition == null");
        List<Event> found = await(condition, 1, timeout);
        if (found.isEmpty()) {
            throw new AssertionError("no event matched the condition within " + timeout + describeArrived());
        }
        return found.get(0);
    }

    /**
     * The published events of {@code kind} (matched as in {@link #events(String)}), waiting at
     * most {@code timeout} until there are at least {@code count} of them. What was emitted
     * before the call is flushed first, as by {@link #awaitEvent}.
     *
     * @return every matching event, oldest first: {@code count} or more
     * @throws AssertionError if fewer arrived in time; the message says how many did, and lists
     *     every event that arrived
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code count} is less than 1 or {@code timeout} is
     *     negative
     */
    public List<Event> awaitEvents(String kind, int count, Duration timeout) {
        Predicate<Event> matches = kind(kind);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1 but was " + count);
        }
        List<Event> found = await(matches, count, timeout);
        if (found.size() < count) {
            throw new AssertionError("expected " + count + (count == 1 ? " event" : " events") + " of kind " + kind + " within " + timeout + " but "
                    + (found.isEmpty() ? "none" : "only " + found.size()) + " arrived" + describeArrived());
        }
        return found;
    }

    /**
     * The published events that pass {@code condition}, oldest first, once there are at least
     * {@code enough} of them or {@code timeout} has passed, whichever comes first; the caller
     * checks which.
     */
    private List<Event> await(Predicate<? super Event> condition, int enough, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative but was " + timeout);
        }
        flush();
        long deadline = System.nanoTime() + nanos(timeout);
        List<Event> found = new ArrayList<>();
        long mark = 0;
        while (true) {
            MemoryStore.Slice slice = store.since(mark);
            for (Event e : slice.events()) {
                if (condition.test(e)) {
                    found.add(e);
                }
            }
            mark = slice.end();
            long left = deadline - System.nanoTime();
            if (found.size() >= enough || left <= 0) {
                return found;
            }
            try {
                store.awaitMoreThan(mark, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for events" + describeArrived(), e);
            }
        }
    }

    /**
     * A pausing breakpoint on {@code event} of {@code target} in this pipeline's probes ({@link
     * Breakpoint#on}), closed after the test if the test has not closed it.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@link Breakpoint#on} throws for the target
     */
    public Breakpoint breakpoint(Target target, ProbeEvent event) {
        Objects.requireNonNull(target, "target == null");
        Objects.requireNonNull(event, "event == null");
        return track(Breakpoint.on(telltale.probes(), target, event));
    }

    /**
     * A breakpoint on {@code target} configured by {@code options} (for example {@code b ->
     * b.event(ProbeEvent.RETURN).recordOnly()}), armed now and closed after the test if the test
     * has not closed it.
     *
     * @throws NullPointerException if an argument is null, or {@code options} returns null
     * @throws RuntimeException whatever {@link Breakpoint.Builder#build} throws
     */
    public Breakpoint breakpoint(Target target, UnaryOperator<Breakpoint.Builder> options) {
        Objects.requireNonNull(target, "target == null");
        Objects.requireNonNull(options, "options == null");
        Breakpoint.Builder builder = options.apply(Breakpoint.builder(telltale.probes(), target));
        Objects.requireNonNull(builder, "options returned null");
        return track(builder.build());
    }

    private Breakpoint track(Breakpoint breakpoint) {
        synchronized (breakpoints) {
            breakpoints.add(breakpoint);
        }
        return breakpoint;
    }

    /**
     * Says that this test drops events on purpose (it fills the queue, or the memory): after it,
     * drops are not checked. Idempotent.
     */
    public void allowDrops() {
        dropsAllowed = true;
    }

    /**
     * Ends the test's pipeline: closes the breakpoints made here (newest first, which releases
     * paused calls and joins their threads), detaches every probe, closes the pipeline (which
     * ends the other breakpoints made on its probes and joins their threads, reporting nothing) and
     * forgets the store; then, if {@code checkDrops} and the test did not {@link #allowDrops()},
     * fails if an event was dropped. Every step runs even if one before it failed.
     *
     * @throws AssertionError if events were dropped, or a breakpoint's close failed so
     * @throws RuntimeException what a breakpoint's close or detaching the probes threw; further
     *     failures are added to the first as suppressed
     */
    void finish(boolean checkDrops) {
        List<Breakpoint> made;
        synchronized (breakpoints) {
            made = new ArrayList<>(breakpoints);
            breakpoints.clear();
        }
        Throwable failure = null;
        for (int i = made.size() - 1; i >= 0; i--) {
            failure = attempt(made.get(i)::close, failure);
        }
        failure = attempt(() -> telltale.probes().detachAll(), failure);
        telltale.close();
        MemoryStore.release(store);
        if (checkDrops && !dropsAllowed) {
            String drops = drops();
            if (drops != null) {
                failure = add(failure, new AssertionError(drops));
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private static Throwable attempt(Runnable step, Throwable failure) {
        try {
            step.run();
            return failure;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            return add(failure, t);
        }
    }

    private static Throwable add(Throwable failure, Throwable another) {
        if (failure == null) {
            return another;
        }
        failure.addSuppressed(another);
        return failure;
    }

    /** What was dropped, in words, or null if nothing was. */
    private String drops() {
        PipelineStats stats = telltale.stats();
        long evicted = store.evicted();
        if (stats.dropped() == 0 && evicted == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder("Telltale dropped events during the test:");
        if (stats.dropped() > 0) {
            b.append(' ').append(stats.dropped()).append(" in the pipeline (");
            String sep = "";
            for (DropReason reason : DropReason.values()) {
                if (stats.dropped(reason) > 0) {
                    b.append(sep).append(reason.label()).append(' ').append(stats.dropped(reason));
                    sep = ", ";
                }
            }
            b.append(')');
        }
        if (evicted > 0) {
            b.append(stats.dropped() > 0 ? ", and " : " ").append(evicted)
                    .append(" from memory, past telltale.memory.capacity=").append(store.capacity())
                    .append(" (raise it with TelltaleExtension.builder().capacity(n))");
        }
        return b.append(". A test that drops events on purpose calls TelltaleRecorder.allowDrops(); ")
                .append("TelltaleExtension.builder().failOnDrops(false) turns the check off. ").append(stats)
                .toString();
    }

    private void flush() {
        if (!telltale.flush(FLUSH_WAIT)) {
            throw new AssertionError("the Telltale pipeline did not publish what was emitted within " + FLUSH_WAIT
                    + ": " + telltale.stats());
        }
    }

    /** The events that arrived, listed for a failure message: at most the last {@value #LISTED}. */
    private String describeArrived() {
        List<Event> arrived = store.events();
        if (arrived.isEmpty()) {
            return "; no event was published at all (" + telltale.stats() + ")";
        }
        StringBuilder b = new StringBuilder(arrived.size() == 1 ? "; the one event published was:"
                : "; the " + arrived.size() + " events published were:");
        int first = Math.max(0, arrived.size() - LISTED);
        if (first > 0) {
            b.append("\n  (the first ").append(first).append(" left out)");
        }
        for (int i = first; i < arrived.size(); i++) {
            Event e = arrived.get(i);
            b.append("\n  ").append(i + 1).append(". ").append(e.kind()).append(" on ").append(e.routingKey())
                    .append(' ').append(e.fields());
        }
        long evicted = store.evicted();
        if (evicted > 0) {
            b.append("\n  (").append(evicted).append(" older events were dropped from memory)");
        }
        return b.toString();
    }

    /** Matches kinds as {@link #events(String)} describes. */
    private static Predicate<Event> kind(String prefix) {
        Objects.requireNonNull(prefix, "kind == null");
        if (prefix.endsWith(".")) {
            return e -> e.kind().startsWith(prefix);
        }
        String dotted = prefix + ".";
        return e -> e.kind().equals(prefix) || e.kind().startsWith(dotted);
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "TelltaleRecorder{" + store + "}";
    }
}
