package dev.telltale.core.testing;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.core.internal.probe.ProbeRegistry;
import dev.telltale.internal.Engine;
import dev.telltale.internal.NoopEngine;
import dev.telltale.internal.SpanHandle;
import dev.telltale.internal.WatchEngine;
import dev.telltale.probe.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An engine for tests of what the core offers to its engine: it keeps every event offered, in
 * order, and has a probe registry of its own. Everything else answers as a quiet engine would:
 * {@code flush} returns true at once, {@code stats} is empty, host {@code "test"}, pid 1, no
 * context spans, and the watches and tracing of {@link NoopEngine}.
 *
 * <p>Thread-safe: probes, watches and tracing offer from their own threads, and {@link #await}
 * waits (bounded) for what they offer. {@link #close()} closes the registry, detaching its probes
 * and stopping its timer; close it after a test that attached probes.
 */
public final class FakeEngine implements Engine, AutoCloseable {

    private final List<Event> events = new ArrayList<>();
    private final ProbeRegistry registry;

    /** An engine whose probes publish their metric reports every 10 seconds. */
    public FakeEngine() {
        this(Duration.ofSeconds(10));
    }

    /** An engine whose probes publish their metric reports every {@code reportInterval}. */
    public FakeEngine(Duration reportInterval) {
        this.registry = new ProbeRegistry(this, reportInterval, () -> false);
    }

    /** Keeps {@code event} and wakes whoever {@linkplain #await waits}. */
    @Override
    public synchronized void offer(Event event) {
        events.add(event);
        notifyAll();
    }

    /** Every event offered so far, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The events offered so far whose kind is {@code kind}, in order. */
    public synchronized List<Event> events(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /**
     * Waits, at most {@code timeout}, until an event matching {@code p} was offered, and returns
     * the first such; fails listing the kinds seen when none came in time.
     */
    public synchronized Event await(Predicate<Event> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Event e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such event within " + timeout + "; kinds seen: "
                        + events.stream().map(Event::kind).toList());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** {@link #await(Predicate, Duration)} for the first event of kind {@code kind}. */
    public Event await(String kind, Duration timeout) throws InterruptedException {
        return await(e -> e.kind().equals(kind), timeout);
    }

    /** This engine's probe registry, the same as {@link #probes()}, for its package-private parts. */
    public ProbeRegistry registry() {
        return registry;
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    /** Closes the probe registry. Idempotent. */
    @Override
    public void close() {
        registry.close();
    }

    @Override
    public PipelineStats stats() {
        return NoopEngine.INSTANCE.stats();
    }

    @Override
    public String host() {
        return "test";
    }

    @Override
    public long pid() {
        return 1;
    }

    @Override
    public SpanHandle contextBegin(String routingKey, String id) {
        return SpanHandle.NOOP;
    }

    @Override
    public Probes probes() {
        return registry;
    }

    @Override
    public WatchEngine watches() {
        return NoopEngine.INSTANCE.watches();
    }
}
