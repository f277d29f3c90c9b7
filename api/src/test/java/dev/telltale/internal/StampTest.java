package dev.telltale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stamping, from Telltale's internal package: the event the application's thread makes. */
class StampTest {

    /** Keeps what is offered; nothing else. */
    private static final class Keeping implements Engine {
        final List<Event> offered = new ArrayList<>();

        @Override
        public void offer(Event event) {
            offered.add(event);
        }

        @Override
        public boolean flush(Duration timeout) {
            return true;
        }

        @Override
        public void close() {}

        @Override
        public PipelineStats stats() {
            return PipelineStats.builder().build();
        }

        @Override
        public String host() {
            return "h";
        }

        @Override
        public long pid() {
            return 7;
        }

        @Override
        public SpanHandle contextBegin(String routingKey, String id) {
            return SpanHandle.NOOP;
        }

        @Override
        public dev.telltale.probe.Probes probes() {
            return NoopEngine.INSTANCE.probes();
        }

        @Override
        public WatchEngine watches() {
            return NoopEngine.INSTANCE.watches();
        }
    }

    @Test
    void offer_stampsTheEngineAndThread_andKeepsFieldsWithoutCopying() {
        Keeping engine = new Keeping();
        Fields fields = Fields.of("x", 1);
        Stamp.offer(engine, "k", "r", "s", 3, Map.of("h", "v"), fields);
        Event e = engine.offered.get(0);
        assertEquals(Event.builder().kind("k").routingKey("r").source("s").seq(3).time(e.time())
                .thread(Thread.currentThread().getName()).host("h").pid(7).headers(Map.of("h", "v")).fields(fields)
                .build(), e);
        assertSame(fields, e.fields());
    }

    @Test
    void offer_fieldsThatThrowWhileCopied_sendsTheEventWithAnErrorField() {
        Keeping engine = new Keeping();
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
                engine.offered.get(0).field(Stamp.ERROR_FIELD));
    }

    @Test
    void offer_nullKind_isNotOffered_andDoesNotThrow() {
        Keeping engine = new Keeping();
        Stamp.offer(engine, null, "r", "s", 1, Map.of(), Map.of());
        assertEquals(List.of(), engine.offered);
    }
}
