package dev.telltale.internal;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import java.time.Duration;

/**
 * The implementation behind {@link dev.telltale.Telltale}, provided by {@code telltale-core}.
 * Not for applications or backend authors: this package is exported to the core module only.
 *
 * <p>Every method is thread-safe and none throws.
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
     * A context was born: returns a token for {@link #contextEnd} (the start of a JFR span), or
     * null when nothing records contexts now.
     */
    Object contextBegin();

    /** A context that {@link #contextBegin} returned {@code token} for has finished. */
    void contextEnd(Object token, String routingKey, String id, boolean reclaimed);
}
