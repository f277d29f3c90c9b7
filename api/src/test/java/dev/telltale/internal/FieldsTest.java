package dev.telltale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldsTest {

    @Test
    void behavesAsAnOrderedImmutableMap_equalToOtherMaps() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("b", 2);
        source.put("a", null);
        source.put(null, "x");
        Fields f = Fields.copyOf(source);
        assertEquals(3, f.size());
        assertEquals(List.of("b", "a", "null"), new ArrayList<>(f.keySet()));
        assertEquals(2, f.get("b"));
        assertNull(f.get("a"));
        assertTrue(f.containsKey("a"), "null values are kept");
        assertFalse(f.containsKey("zz"));
        Map<String, Object> expected = new HashMap<>();
        expected.put("b", 2);
        expected.put("a", null);
        expected.put("null", "x");
        assertEquals(expected, f);
        assertEquals(expected.hashCode(), f.hashCode());
        assertEquals("b", f.key(0));
        assertEquals(2, f.value(0));
        assertThrows(UnsupportedOperationException.class, () -> f.put("c", 3));
        assertThrows(UnsupportedOperationException.class, () -> f.entrySet().iterator().next().setValue(9));
    }

    @Test
    void copyOf_isACopy() {
        Map<String, Object> source = new LinkedHashMap<>(Map.of("k", 1));
        Fields f = Fields.copyOf(source);
        source.put("k", 2);
        assertEquals(1, f.get("k"));
        assertEquals(Map.of("k", "v"), Fields.of("k", "v"));
    }

    @Test
    void event_keepsFieldsAsTheyAre_withoutCopying() {
        Fields f = Fields.of("x", null);
        Event e = Event.builder().kind("k").routingKey("r").source("s").seq(1).time(Instant.EPOCH).thread("t").host("h")
                .pid(1).fields(f).build();
        assertSame(f, e.fields());
    }

    @Test
    void copyOf_nullKeyBesideNullText_laterOneSuffixed_nothingLost() {
        Map<String, Object> nullFirst = new LinkedHashMap<>();
        nullFirst.put(null, "null key");
        nullFirst.put("null", "text");
        nullFirst.put("null#2", "taken");
        Map<String, Object> textFirst = new LinkedHashMap<>();
        textFirst.put("null", "text");
        textFirst.put(null, "null key");

        assertEquals(List.of("null", "null#2", "null#2#2"), new ArrayList<>(Fields.copyOf(nullFirst).keySet()));
        assertEquals(List.of("null key", "text", "taken"), new ArrayList<>(Fields.copyOf(nullFirst).values()));
        assertEquals(Map.of("null", "text", "null#2", "null key"), Fields.copyOf(textFirst));
    }

    @Test
    void event_nullKeyBesideNullText_laterOneSuffixed_nothingLost() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("null", "text");
        fields.put(null, "null key");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(null, "h1");
        headers.put("null", "h2");

        Event e = Event.builder().kind("k").routingKey("r").source("s").seq(1).time(Instant.EPOCH).thread("t").host("h")
                .pid(1).headers(headers).fields(fields).build();

        assertEquals(List.of("null", "null#2"), new ArrayList<>(e.fields().keySet()));
        assertEquals(List.of("text", "null key"), new ArrayList<>(e.fields().values()));
        assertEquals(Map.of("null", "h1", "null#2", "h2"), e.headers());
    }

    @Test
    void ofPairs_keepsTheGivenOrder_andRejectsOddOrNonStringKeys() {
        Fields f = Fields.ofPairs("b", 1, "a", null);
        assertEquals(java.util.List.of("b", "a"), java.util.List.copyOf(f.keySet()));
        assertNull(f.get("a"));
        assertThrows(IllegalArgumentException.class, () -> Fields.ofPairs("a"));
        assertThrows(IllegalArgumentException.class, () -> Fields.ofPairs(1, "a"));
    }
}
