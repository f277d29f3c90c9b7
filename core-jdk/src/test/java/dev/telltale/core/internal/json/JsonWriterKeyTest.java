package dev.telltale.core.internal.json;

import static dev.telltale.core.internal.json.Json.limits;
import static dev.telltale.core.internal.json.Json.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Map keys whose text collides: every member name unique, no value lost. */
class JsonWriterKeyTest {

    enum Colour { RED }

    @Test
    void integerAndItsText_laterOneSuffixed() {
        assertEquals("{\"1\":\"int\",\"1#2\":\"text\"}", write(map(1, "int", "1", "text")));
    }

    @Test
    void nullAndNullText_laterOneSuffixed() {
        assertEquals("{\"null\":\"text\",\"null#2\":\"null key\"}", write(map("null", "text", null, "null key")));
    }

    @Test
    void enumAndItsName_laterOneSuffixed() {
        assertEquals("{\"RED\":1,\"RED#2\":2}", write(map(Colour.RED, 1, "RED", 2)));
    }

    @Test
    void suffixAlreadyTaken_nextFreeNumber() {
        assertEquals("{\"1\":\"a\",\"1#2\":\"b\",\"1#3\":\"c\",\"1#4\":\"d\"}",
                write(map(1, "a", "1#2", "b", "1", "c", 1L, "d")));
        assertEquals("{\"1\":\"a\",\"1#2\":\"b\",\"1#2#2\":\"c\"}", write(map(1, "a", "1", "b", "1#2", "c")));
    }

    @Test
    void loneSurrogatesThatBecomeTheSameText_suffixed() {
        assertEquals("{\"\uFFFD\":1,\"\uFFFD#2\":2,\"\uFFFD#3\":3}",
                write(map("\uD800", 1, "\uDC00", 2, "\uFFFD", 3)));
    }

    @Test
    void keysCutToTheSameText_suffixed() {
        assertEquals("{\"abc…[+1 chars]\":1,\"abc…[+1 chars]#2\":2}", write(map("abcd", 1, "abce", 2), limits(4, 3, 10, 1000)));
    }

    @Test
    void keyNamedLikeTheOmittedMarker_markerSuffixed() {
        assertEquals("{\"$omitted\":\"mine\",\"$omitted#2\":2}", write(map("$omitted", "mine", "a", 1, "b", 2),
                limits(4, 100, 1, 1000)));
    }

    @Test
    void keyNamedLikeTheCutMarker_sizeMarkerSuffixed() {
        Map<Object, Object> map = map("$cut", "mine");
        for (int i = 0; i < 50; i++) {
            map.put("k" + i, "v".repeat(20));
        }

        String json = write(map, limits(4, 100, 100, 400));

        assertTrue(json.endsWith(",\"$cut#2\":\"size\"}"), json);
        assertUniqueNames(json);
    }

    @Test
    void nestedMaps_collisionsCountedPerObject() {
        Map<Object, Object> inner = map(1, "a", "1", "b");

        assertEquals("{\"1\":{\"1\":\"a\",\"1#2\":\"b\"},\"1#2\":{\"1\":\"a\",\"1#2\":\"b\"}}",
                write(map(1, inner, "1", inner)));
    }

    @Test
    void manyCollidingKeys_allKeptUnique() {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            map.put(i, i);
            map.put(Integer.toString(i), -i);
            map.put((long) i, "long");
        }

        String json = write(map, limits(4, 100, 1000, 1 << 20));

        assertEquals(900, assertUniqueNames(json));
        assertEquals(900, ((Map<?, ?>) JsonReader.parse(json)).size());
    }

    private static int assertUniqueNames(String json) {
        Map<?, ?> parsed = (Map<?, ?>) JsonReader.parse(json);
        Matcher m = Pattern.compile("[{,]\"((?:[^\"\\\\]|\\\\.)*)\":").matcher(json);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertEquals(names.size(), parsed.size(), "duplicate member names in " + json);
        return names.size();
    }

    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
