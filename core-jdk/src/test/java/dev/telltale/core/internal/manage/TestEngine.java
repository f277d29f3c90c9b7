package dev.telltale.core.internal.manage;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.core.internal.probe.ProbeRegistry;
import dev.telltale.internal.Engine;
import dev.telltale.internal.SpanHandle;
import dev.telltale.probe.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An engine that keeps its events, with a probe registry of its own; close it after the test. */
final class TestEngine implements Engine, AutoCloseable {

    private final List<Event> events = new ArrayList<>();
    private final ProbeRegistry registry = new ProbeRegistry(this, Duration.ofSeconds(10), () -> false);

    @Override
    public synchronized void offer(Event event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<Event> events(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /** Waits, at most {@code timeout}, for an event matching {@code p}. */
    synchronized Event await(Predicate<Event> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Event e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such event within " + timeout + "; kinds seen: " + events.stream().map(Event::kind).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public void close() {
        registry.close();
    }

    @Override
    public PipelineStats stats() {
        return PipelineStats.builder().build();
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
    public dev.telltale.internal.WatchEngine watches() {
        return dev.telltale.internal.NoopEngine.INSTANCE.watches();
    }
}
