package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JsonReader#parseObject(byte[], int, int, StringCache)}: the same result, fewer strings. */
class StringCacheTest {

    private final StringCache cache = new StringCache();

    private Map<String, Object> cached(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> result = JsonReader.parseObject(b, 0, b.length, cache);
        assertEquals(JsonReader.parseObject(b, 0, b.length), result, json);
        return result;
    }

    private static String firstName(Map<String, Object> map) {
        return map.keySet().iterator().next();
    }

    @Test
    void aNameReadTwice_isTheSameString_withItsHashKept() {
        String first = firstName(cached("{\"routingKey\":1}"));
        String second = firstName(cached("{\"routingKey\":2}"));

        assertSame(first, second);
        assertEquals("routingKey", second);
    }

    @Test
    void shortValues_areShared_longerOnesAreNot() {
        String shortValue = "x".repeat(StringCache.MAX_VALUE);
        String longValue = "y".repeat(StringCache.MAX_VALUE + 1);
        String json = "{\"a\":\"" + shortValue + "\",\"b\":\"" + longValue + "\"}";
        Map<String, Object> one = cached(json);
        Map<String, Object> two = cached(json);

        assertSame(one.get("a"), two.get("a"));
        assertNotSame(one.get("b"), two.get("b"));
        assertEquals(longValue, two.get("b"));
    }

    @Test
    void namesWithEscapesOrNonAscii_areDecoded_andNeverConfusedWithTheirRawBytes() {
        // "a\u0062" is the name ab, and its raw bytes are not those of the name a\u0062
        Map<String, Object> escaped = cached("{\"a\\u0062\":1,\"a\\\"b\":2,\"\u00e9t\u00e9\":3,\"\\ud83d\\ude00\":4}");
        Map<String, Object> plain = cached("{\"ab\":5,\"a\\\\u0062\":6,\"\":7}");
        Map<String, Object> again = cached("{\"a\\u0062\":8,\"a\\\"b\":9,\"\u00e9t\u00e9\":10}");

        assertEquals(List.of("ab", "a\"b", "\u00e9t\u00e9", "\ud83d\ude00"), new ArrayList<>(escaped.keySet()));
        assertEquals(List.of("ab", "a\\u0062", ""), new ArrayList<>(plain.keySet()));
        assertEquals(List.of("ab", "a\"b", "\u00e9t\u00e9"), new ArrayList<>(again.keySet()));
    }

    @Test
    void namesInTheSameSlot_pushEachOtherOut_andAreAlwaysReadRight() {
        List<String> colliding = collidingNames(3);
        for (int round = 0; round < 3; round++) {
            for (String name : colliding) {
                assertEquals(name, firstName(cached("{\"" + name + "\":" + round + "}")));
            }
        }
        // in one document too
        Map<String, Object> all = cached("{\"" + String.join("\":0,\"", colliding) + "\":0}");
        assertEquals(colliding, new ArrayList<>(all.keySet()));
    }

    @Test
    void twoNamesSharingAPair_inEveryDocument_bothStay() {
        // "kind" and "shop.request" shared a slot when the table was direct-mapped
        List<String> two = collidingNames(2);
        String doc = "{\"" + two.get(0) + "\":\"" + two.get(1) + "\"}";
        Map<String, Object> first = cached(doc);
        Map<String, Object> second = cached(doc);

        assertSame(firstName(first), firstName(second));
        assertSame(first.get(two.get(0)), second.get(two.get(0)));
    }

    @Test
    void moreNamesThanSlots_stayBounded_andAreReadRight() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < StringCache.SLOTS * 4; i++) {
                String name = "name-" + i;
                assertEquals(name, firstName(cached("{\"" + name + "\":" + i + "}")));
            }
        }
        String name = firstName(cached("{\"kind\":1}"));
        assertSame(name, firstName(cached("{\"kind\":2}")));
    }

    @Test
    void namesThatDifferOnlyWhereTheSlotDoesNotLook_areTold_apart() {
        // same length, first, middle and last two bytes: the same slot, different names
        List<String> names = List.of("abXcdYef", "abZcdYef", "abQcdYef");
        int slot = slot(names.get(0));
        for (String name : names) {
            assertEquals(slot, slot(name));
        }
        for (String name : names) {
            assertEquals(name, firstName(cached("{\"" + name + "\":1}")));
            assertEquals(name, cached("{\"v\":\"" + name + "\"}").get("v"));
        }
    }

    /** The pair of entries {@code name} may take. */
    private static int slot(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return StringCache.slot(b, 0, b.length) & ~1;
    }

    /** {@code count} different names that share one pair of entries. */
    private static List<String> collidingNames(int count) {
        List<String> found = new ArrayList<>();
        int target = slot("n0");
        for (int i = 0; found.size() < count && i < 1_000_000; i++) {
            String name = "n" + i;
            if (slot(name) == target) {
                found.add(name);
            }
        }
        assertTrue(found.size() == count, "names sharing a slot: " + found);
        return found;
    }
}
