package dev.telltale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.telltale.Event;
import dev.telltale.context.FakeEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stamping, from Telltale's internal package: the event the application's thread makes. */
class StampTest {

    @Test
    void offer_stampsTheEngineAndThread_andKeepsFieldsWithoutCopying() {
        FakeEngine engine = new FakeEngine();
        Fields fields = Fields.of("x", 1);
        Stamp.offer(engine, "k", "r", "s", 3, Map.of("h", "v"), fields);
        Event e = engine.events().get(0);
        assertEquals(Event.builder().kind("k").routingKey("r").source("s").seq(3).time(e.time())
                .thread(Thread.currentThread().getName()).host("test-host").pid(1).headers(Map.of("h", "v")).fields(fields)
                .build(), e);
        assertSame(fields, e.fields());
    }

    @Test
    void offer_fieldsThatThrowWhileCopied_sendsTheEventWithAnErrorField() {
        FakeEngine engine = new FakeEngine();
        Map<String, Object> broken = new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                throw new java.util.ConcurrentModificationException("changed");
            }

            @Override
            public boolean isEmpty() {
                return false;
            }
        };
        Stamp.offer(engine, "k", "r", "s", 1, Map.of(), broken);
        assertEquals("the fields could not be read: java.util.ConcurrentModificationException: changed",
                engine.events().get(0).field(Stamp.ERROR_FIELD));
    }

    @Test
    void offer_nullKind_isNotOffered_andDoesNotThrow() {
        FakeEngine engine = new FakeEngine();
        Stamp.offer(engine, null, "r", "s", 1, Map.of(), Map.of());
        assertEquals(List.of(), engine.events());
    }
}
