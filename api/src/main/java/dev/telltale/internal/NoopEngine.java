package dev.telltale.internal;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import java.time.Duration;

/** The engine used when {@code telltale-core} is missing: discards everything, cheaply. */
public final class NoopEngine implements Engine {

    /** The one instance. */
    public static final NoopEngine INSTANCE = new NoopEngine();

    private static final long PID = ProcessHandle.current().pid();
    private static final PipelineStats EMPTY = PipelineStats.builder().build();

    private NoopEngine() {}

    @Override
    public void offer(Event event) {}

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public void close() {}

    @Override
    public PipelineStats stats() {
        return EMPTY;
    }

    @Override
    public String host() {
        return "unknown";
    }

    @Override
    public long pid() {
        return PID;
    }

    @Override
    public SpanHandle contextBegin(String routingKey, String id) {
        return SpanHandle.NOOP;
    }

    @Override
    public dev.telltale.probe.Probes probes() {
        return NoopProbes.INSTANCE;
    }

    @Override
    public WatchEngine watches() {
        return NoopWatches.INSTANCE;
    }
}
