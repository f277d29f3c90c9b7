package dev.telltale;

import dev.telltale.internal.Engine;
import dev.telltale.internal.NoopEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An engine that keeps what is offered, in order; its flush does what {@link Flush} says. */
final class FakeEngine implements Engine {

    enum Flush {
        /** Returns true at once. */
        RETURN,
        /** Throws, as a broken engine might. */
        THROW,
        /** Converts the timeout to nanoseconds first, as the core's did (throwing for the longest durations). */
        TO_NANOS
    }

    private final Flush flush;
    private final List<Event> events = new ArrayList<>();

    FakeEngine(Flush flush) {
        this.flush = flush;
    }

    @Override
    public synchronized void offer(Event event) {
        events.add(event);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public boolean flush(Duration timeout) {
        switch (flush) {
            case THROW:
                throw new IllegalStateException("flush broke");
            case TO_NANOS:
                return timeout.toNanos() >= 0;
            default:
                return true;
        }
    }

    @Override
    public void close() {}

    @Override
    public PipelineStats stats() {
        return NoopEngine.INSTANCE.stats();
    }

    @Override
    public String host() {
        return "test-host";
    }

    @Override
    public long pid() {
        return 1;
    }

    @Override
    public Object contextBegin() {
        return null;
    }

    @Override
    public void contextEnd(Object token, String routingKey, String id, boolean reclaimed) {}
}
