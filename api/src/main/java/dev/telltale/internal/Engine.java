package dev.telltale.internal;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.probe.Probes;
import dev.telltale.snapshot.Snapshots;
import java.time.Duration;

/**
 * The implementation behind {@link dev.telltale.Telltale}, provided by {@code telltale-core}.
 * Not for applications or backend authors: this package is exported only to Telltale's own
 * modules ({@code module-info.java} lists them). Telltale's packages reach a pipeline's engine
 * through {@link Engines#of}.
 *
 * <p>Every method is thread-safe and none throws. New capabilities add their own methods here
 * (with a no-op in {@link NoopEngine}), returning typed handles such as {@link SpanHandle}.
 */
public interface Engine {

    /** Queues {@code event} for publishing. Never blocks, never throws. */
    void offer(Event event);

    /**
     * Waits until every event offered before this call is published or dropped, at most {@code
     * timeout}, which may be any duration (one too long to count in nanoseconds waits as long as
     * it takes, see {@link Durations}). Returns whether that happened in time.
     */
    boolean flush(Duration timeout);

    /** Publishes what is queued within the configured flush timeout, then stops. Idempotent. */
    void close();

    /** The current accounting. */
    PipelineStats stats();

    /** The host name stamped on events. */
    String host();

    /** The process id stamped on events. */
    long pid();

    /**
     * A context named {@code routingKey} with id {@code id} was born: returns the handle that
     * ends its span (a JFR duration event) when the context finishes, or {@link SpanHandle#NOOP}
     * when nothing records contexts now. Never null.
     */
    SpanHandle contextBegin(String routingKey, String id);

    /**
     * The probes of this pipeline. Each engine has one registry, made on first use; closing the
     * engine detaches its probes.
     */
    Probes probes();

    /**
     * The crash snapshots of this pipeline. A default, so that engines made for tests need not
     * know about them: it saves nothing.
     */
    default Snapshots snapshots() {
        return NoopSnapshots.INSTANCE;
    }

    /**
     * The loop and hang watch of this pipeline ({@code dev.telltale.watch}): made on first use;
     * closing the engine stops its watches.
     */
    WatchEngine watches();

    /**
     * The tracing of this pipeline ({@code dev.telltale.trace}). A default, so that engines made
     * for tests need not know about it: its spans record nothing.
     */
    default TraceEngine tracing() {
        return NoopTracing.INSTANCE;
    }
}
