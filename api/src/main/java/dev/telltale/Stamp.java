package dev.telltale;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import java.time.Instant;
import java.util.Map;

/** Stamps an event with now, the current thread and the process, and offers it; never throws. */
final class Stamp {

    private Stamp() {}

    @SuppressWarnings("unchecked")
    static void offer(Engine engine, String kind, String routingKey, String source, long seq,
            Map<String, String> headers, Map<String, ?> fields) {
        try {
            engine.offer(new Event(kind, routingKey, source, seq, Instant.now(), Thread.currentThread().getName(),
                    engine.host(), engine.pid(), headers, (Map<String, Object>) fields));
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }
}
