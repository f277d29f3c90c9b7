package dev.telltale.context;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.internal.Engine;
import dev.telltale.internal.NoopEngine;
import dev.telltale.internal.SpanHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine that keeps what is offered, in order, and what happened to the spans it began; its
 * flush (and, when {@link Flush#THROW}, its {@code contextBegin}) does what {@link Flush} says.
 * The one fake engine of the api module's tests (core's test-jar would make a cycle); host
 * {@code "test-host"}, pid 1. Thread-safe.
 */
public final class FakeEngine implements Engine {

    enum Flush {
        /** Returns true at once. */
        RETURN,
        /** Throws, as a broken engine might; so does {@code contextBegin}. */
        THROW,
        /** Converts the timeout to nanoseconds first, as the core's did (throwing for the longest durations). */
        TO_NANOS
    }

    private final Flush flush;
    private final List<Event> events = new ArrayList<>();
    private final List<String> spans = new ArrayList<>();

    /** An engine whose flush returns true at once. */
    public FakeEngine() {
        this(Flush.RETURN);
    }

    FakeEngine(Flush flush) {
        this.flush = flush;
    }

    @Override
    public synchronized void offer(Event event) {
        events.add(event);
    }

    /** What was offered so far, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** What happened to spans, in order: {@code "begin <routingKey> <id>"}, {@code "end <id> <abandoned>"}. */
    synchronized List<String> spans() {
        return List.copyOf(spans);
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
    public SpanHandle contextBegin(String routingKey, String id) {
        if (flush == Flush.THROW) {
            throw new IllegalStateException("contextBegin broke");
        }
        synchronized (this) {
            spans.add("begin " + routingKey + " " + id);
        }
        return abandoned -> {
            synchronized (FakeEngine.this) {
                spans.add("end " + id + " " + abandoned);
            }
        };
    }

    @Override
    public dev.telltale.probe.Probes probes() {
        return NoopEngine.INSTANCE.probes();
    }

    @Override
    public dev.telltale.internal.WatchEngine watches() {
        return NoopEngine.INSTANCE.watches();
    }
}
