package dev.telltale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Event} is built, copied and compared through its builder, never a positional constructor. */
class EventTest {

    private static final Instant TIME = Instant.parse("2026-12-07T04:00:00Z");

    private static Event.Builder complete() {
        return Event.builder().kind("order.placed").routingKey("shop.orders").source("s-1").seq(7).time(TIME)
                .thread("main").host("h").pid(42).headers(Map.of("tenant", "acme")).fields(Map.of("id", 1));
    }

    @Test
    void builder_everyComponent_isReadBackByItsAccessor() {
        Event e = complete().build();
        assertEquals("order.placed", e.kind());
        assertEquals("shop.orders", e.routingKey());
        assertEquals("s-1", e.source());
        assertEquals(7, e.seq());
        assertEquals(TIME, e.time());
        assertEquals("main", e.thread());
        assertEquals("h", e.host());
        assertEquals(42, e.pid());
        assertEquals(Map.of("tenant", "acme"), e.headers());
        assertEquals(Map.of("id", 1), e.fields());
        assertEquals(1, e.field("id"));
    }

    @Test
    void builder_onlyRequiredComponents_defaultsSeqPidHeadersAndFields() {
        Event e = Event.builder().kind("k").routingKey("r").source("s").time(TIME).thread("t").host("h").build();
        assertEquals(0, e.seq());
        assertEquals(0, e.pid());
        assertEquals(Map.of(), e.headers());
        assertEquals(Map.of(), e.fields());
    }

    @Test
    void build_withoutARequiredComponent_throwsNamingIt() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> complete().host(null).build());
        assertEquals("host == null", e.getMessage());
    }

    @Test
    void toBuilder_oneChange_keepsEveryOtherComponent() {
        Event original = complete().build();
        Event next = original.toBuilder().seq(8).build();
        assertEquals(complete().seq(8).build(), next);
        assertNotEquals(original, next);
    }

    @Test
    void equalEvents_haveEqualHashCodes_andARecordLikeString() {
        Event a = complete().build();
        Event b = complete().build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("Event[kind=order.placed, routingKey=shop.orders, source=s-1, seq=7, time=" + TIME
                + ", thread=main, host=h, pid=42, headers={tenant=acme}, fields={id=1}]", a.toString());
    }

    @Test
    void fields_aMutableMap_isCopiedInOrder_andNullKeysBecomeTheStringNull() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("b", 2);
        fields.put(null, 1);
        Event e = complete().fields(fields).build();
        fields.put("c", 3);
        assertEquals("[b, null]", e.fields().keySet().toString());
        assertThrows(UnsupportedOperationException.class, () -> e.fields().put("d", 4));
    }
}
