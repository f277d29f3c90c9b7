package dev.telltale.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void withoutKey_theKeyIsEmpty() {
        Envelope e = new Envelope("a.b", Map.of(), BODY);
        assertEquals("", e.key());
        assertEquals(new Envelope("a.b", "", Map.of(), BODY), e);
    }

    @Test
    void equality_coversEveryComponent_andThePayloadsContent() {
        Envelope e = new Envelope("a.b", "src-1", Map.of("h", "v"), BODY);
        assertEquals(e, new Envelope("a.b", "src-1", Map.of("h", "v"), BODY.clone()));
        assertEquals(e.hashCode(), new Envelope("a.b", "src-1", Map.of("h", "v"), BODY.clone()).hashCode());
        assertNotEquals(e, new Envelope("a.b", "src-2", Map.of("h", "v"), BODY));
        assertNotEquals(e, new Envelope("a.c", "src-1", Map.of("h", "v"), BODY));
        assertNotEquals(e, new Envelope("a.b", "src-1", Map.of(), BODY));
        assertNotEquals(e, new Envelope("a.b", "src-1", Map.of("h", "v"), "[]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.toString().contains("src-1"), e.toString());
    }

    @Test
    void nullComponents_areRejectedByName() {
        assertEquals("key == null",
                assertThrows(NullPointerException.class, () -> new Envelope("a", null, Map.of(), BODY)).getMessage());
        assertEquals("routingKey == null",
                assertThrows(NullPointerException.class, () -> new Envelope(null, "k", Map.of(), BODY)).getMessage());
        assertEquals("headers == null",
                assertThrows(NullPointerException.class, () -> new Envelope("a", "k", null, BODY)).getMessage());
        assertEquals("payload == null",
                assertThrows(NullPointerException.class, () -> new Envelope("a", "k", Map.of(), null)).getMessage());
    }

    @Test
    void headers_areCopied() {
        Map<String, String> headers = new HashMap<>(Map.of("h", "v"));
        Envelope e = new Envelope("a", "k", headers, BODY);
        headers.put("later", "x");
        assertEquals(Map.of("h", "v"), e.headers());
    }
}
