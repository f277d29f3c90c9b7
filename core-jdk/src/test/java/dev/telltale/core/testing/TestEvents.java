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

    public static Event event(String kind, String routingKey, String source, long seq, Map<String, ?> fields) {
        return Event.builder().kind(kind).routingKey(routingKey).source(source).seq(seq).time(Instant.now())
                .thread(Thread.currentThread().getName()).host("test-host").pid(4242).fields(fields).build();
    }
}
