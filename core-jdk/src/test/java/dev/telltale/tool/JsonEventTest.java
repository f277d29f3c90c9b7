package dev.telltale.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.internal.json.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Json#parseEvent}: events read back from their JSON as the monitor reads them. */
class JsonEventTest {

    private static final String HEAD = "\"kind\":\"k\",\"routingKey\":\"r.x\",\"source\":\"s\",\"seq\":3,"
            + "\"time\":\"2026-11-21T23:37:58.123456789Z\",\"thread\":\"main\",\"host\":\"box\",\"pid\":42";

    private static Event parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return Json.parseEvent(bytes, 0, bytes.length);
    }

    private static String failure(String json) {
        return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void parseEvent_whatTheCoreWrites_readsBackEqual() {
        Event event = Event.builder().kind("order.placed").routingKey("shop.orders").source("checkout-1").seq(9)
                .time(Instant.parse("2026-11-21T23:37:58.123456789Z")).thread("main").host("box").pid(42)
                .headers(Map.of("tenant", "acme"))
                .fields(Map.of("id", 42L, "total", 99.5, "tags", List.of("a", "b"), "ok", true)).build();
        byte[] json = new EventCodec(JsonLimits.DEFAULT).encode(event);
        assertEquals(event, Json.parseEvent(json, 0, json.length));
    }

    @Test
    void parseEvent_everyMember_isRead_inARangeOfALargerArray() {
        String doc = "{" + HEAD + ",\"headers\":{\"tenant\":\"acme\"},\"fields\":{\"n\":1,\"d\":0.5,\"l\":[true,null]"
                + ",\"o\":{\"a\":\"b\"}}}";
        byte[] inner = doc.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[inner.length + 10];
        Arrays.fill(padded, (byte) '#');
        System.arraycopy(inner, 0, padded, 4, inner.length);
        Event e = Json.parseEvent(padded, 4, inner.length);
        assertEquals(Event.builder().kind("k").routingKey("r.x").source("s").seq(3)
                .time(Instant.parse("2026-11-21T23:37:58.123456789Z")).thread("main").host("box").pid(42)
                .headers(Map.of("tenant", "acme"))
                .fields(Map.of("n", 1L, "d", 0.5, "l", Arrays.asList(true, null), "o", Map.of("a", "b")))
                .build(), e);
    }

    @Test
    void parseEvent_noHeadersOrFields_andUnknownMembers_givesEmptyMapsAndIgnoresThem() {
        Event e = parse("{" + HEAD + ",\"traceId\":\"abc\"}");
        assertEquals(Map.of(), e.headers());
        assertEquals(Map.of(), e.fields());
        assertEquals(Instant.parse("2026-11-21T23:37:58.123456789Z"), e.time());
        assertEquals(Instant.parse("2026-11-21T23:37:58Z"),
                parse("{" + HEAD.replace("23:37:58.123456789Z", "23:37:58Z") + "}").time());
    }

    @Test
    void parseEvent_badMembers_areNamed() {
        assertEquals("event member \"kind\" is missing", failure("{\"routingKey\":\"r\"}"));
        assertTrue(failure("{" + HEAD.replace("\"seq\":3", "\"seq\":1.5") + "}")
                .startsWith("event member \"seq\" must be an integer of at most 64 bits"));
        assertTrue(failure("{" + HEAD.replace("\"main\"", "null") + "}")
                .startsWith("event member \"thread\" must be a string"));
        assertEquals("event member \"time\" must be an ISO-8601 instant but was \"yesterday\"",
                failure("{" + HEAD.replace("2026-11-21T23:37:58.123456789Z", "yesterday") + "}"));
        assertTrue(failure("{" + HEAD + ",\"headers\":{\"n\":1}}")
                .startsWith("event member \"headers\" must be an object of strings, but \"n\" is"));
        assertTrue(failure("{" + HEAD + ",\"fields\":[]}").startsWith("event member \"fields\" must be an object"));
    }

    @Test
    void parseEvent_notJsonOrOutsideTheArray_refused() {
        assertTrue(failure("{" + HEAD + ",}").contains("column"), failure("{" + HEAD + ",}"));
        assertEquals("expected '{' but found '[' at line 1, column 1 (offset 0)", failure("[1]"));
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals("bytes [1, 1 + 2) are outside an array of 2",
                assertThrows(IllegalArgumentException.class, () -> Json.parseEvent(bytes, 1, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parseEvent(bytes, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject(bytes, 0, 3));
        assertEquals("bytes == null",
                assertThrows(NullPointerException.class, () -> Json.parseEvent(null, 0, 0)).getMessage());
    }
}
