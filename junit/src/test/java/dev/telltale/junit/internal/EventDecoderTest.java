package dev.telltale.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    private static final String HEAD = "\"kind\":\"k\",\"routingKey\":\"r.x\",\"source\":\"s\",\"seq\":3,"
            + "\"time\":\"2026-11-21T23:37:58.123456789Z\",\"thread\":\"main\",\"host\":\"box\",\"pid\":42";

    private static Event decode(String json) {
        return EventDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String failure(String json) {
        return assertThrows(IllegalArgumentException.class, () -> decode(json)).getMessage();
    }

    @Test
    void decode_everyMember_isRead() {
        Event e = decode("{" + HEAD + ",\"headers\":{\"tenant\":\"acme\"},\"fields\":{\"n\":1,\"d\":0.5,\"l\":[true,null]"
                + ",\"o\":{\"a\":\"b\"}}}");

        assertEquals(Event.builder().kind("k").routingKey("r.x").source("s").seq(3)
                .time(Instant.parse("2026-11-21T23:37:58.123456789Z")).thread("main").host("box").pid(42)
                .headers(Map.of("tenant", "acme"))
                .fields(Map.of("n", 1L, "d", 0.5, "l", java.util.Arrays.asList(true, null), "o", Map.of("a", "b")))
                .build(), e);
    }

    @Test
    void decode_noHeadersOrFieldsAndUnknownMembers_givesEmptyMapsAndIgnoresThem() {
        Event e = decode("{" + HEAD + ",\"traceId\":\"abc\"}");

        assertEquals(Map.of(), e.headers());
        assertEquals(Map.of(), e.fields());
        assertEquals(List.of(), List.copyOf(e.fields().keySet()));
    }

    @Test
    void decode_badMembers_areNamed() {
        assertEquals("event member \"kind\" is missing", failure("{\"routingKey\":\"r\"}"));
        assertEquals("event member \"seq\" must be an integer of at most 64 bits but is the number 1.5",
                failure("{" + HEAD.replace("\"seq\":3", "\"seq\":1.5") + "}"));
        assertEquals("event member \"thread\" is null", failure("{" + HEAD.replace("\"main\"", "null") + "}"));
        assertEquals("event member \"time\" must be an ISO-8601 instant but was \"yesterday\"",
                failure("{" + HEAD.replace("2026-11-21T23:37:58.123456789Z", "yesterday") + "}"));
        assertEquals("event member \"headers\" must hold strings, but \"n\" is the number 1",
                failure("{" + HEAD + ",\"headers\":{\"n\":1}}"));
        assertEquals("event member \"fields\" must be an object but is an array", failure("{" + HEAD + ",\"fields\":[]}"));
        assertEquals("event member \"host\" must be a string but is a boolean",
                failure("{" + HEAD.replace("\"box\"", "true") + "}"));
    }
}
