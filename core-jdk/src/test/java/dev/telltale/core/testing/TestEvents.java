package dev.telltale.core.testing;

import dev.telltale.Event;
import java.time.Instant;
import java.util.Map;

/** Events for tests. */
public final class TestEvents {

    private TestEvents() {}

    public static Event event(String source, long seq, Map<String, ?> fields) {
        return event("test.event", "test.key", source, seq, fields);
    }

    @SuppressWarnings("unchecked")
    public static Event event(String kind, String routingKey, String source, long seq, Map<String, ?> fields) {
        return new Event(kind, routingKey, source, seq, Instant.now(), Thread.currentThread().getName(), "test-host",
                4242, Map.of(), (Map<String, Object>) fields);
    }
}
