package dev.telltale.core.internal.watch;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Stamp;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Emits the watch's {@code loop.*} events into the engine's pipeline: routing key the watched
 * executor's or loop's name, source the watch's id ({@code watch-<uuid>}), one sequence. Never
 * throws.
 */
final class WatchEvents {

    private final Engine engine;
    private final String source = "watch-" + UUID.randomUUID();
    private final AtomicLong seq = new AtomicLong();

    WatchEvents(Engine engine) {
        this.engine = engine;
    }

    String source() {
        return source;
    }

    void emit(String kind, String routingKey, Map<String, ?> fields) {
        Stamp.offer(engine, kind, routingKey, source, seq.incrementAndGet(), Map.of(), fields);
    }

    /** Milliseconds, with microseconds as the fraction. */
    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
