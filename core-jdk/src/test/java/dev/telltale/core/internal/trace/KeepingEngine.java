package dev.telltale.core.internal.trace;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.internal.Engine;
import dev.telltale.internal.NoopEngine;
import dev.telltale.internal.SpanHandle;
import dev.telltale.internal.WatchEngine;
import dev.telltale.probe.Probes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An engine that keeps the events offered to it; everything else as {@link NoopEngine}. */
final class KeepingEngine implements Engine {

    final List<Event> events = new CopyOnWriteArrayList<>();

    List<Event> events(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Override
    public void offer(Event event) {
        events.add(event);
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public void close() {}

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
        return NoopEngine.INSTANCE.probes();
    }

    @Override
    public WatchEngine watches() {
        return NoopEngine.INSTANCE.watches();
    }
}
