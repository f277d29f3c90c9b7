package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collator's byte measure grows with what a document holds, lists and maps alike, and stays
 * bounded for absurdly deep ones; and the monitor's options copy and check what they are given.
 */
class SizesAndOptionsTest {

    @Test
    void sizes_growWithEachElement_andWithEachStringsLength() {
        long empty = Sizes.of(List.of());
        long one = Sizes.of(List.of("a"));
        long two = Sizes.of(List.of("a", "b"));
        assertTrue(one > empty && two - one == one - empty, empty + " " + one + " " + two);
        assertEquals(Sizes.of(List.of("a")) + 10, Sizes.of(List.of("a" + "x".repeat(10))));
        assertTrue(Sizes.of(Map.of("k", List.of(1L, 2L))) > Sizes.of(Map.of("k", List.of(1L))));
        assertTrue(Sizes.of(1L) > 0 && Sizes.of(2.5d) == Sizes.of(1L), "numbers count");
        assertEquals(Sizes.entry("key", "value"), Sizes.entry("key", "value"));
        assertTrue(Sizes.entry("key", "value" + "x".repeat(100)) == Sizes.entry("key", "value") + 100);
        assertTrue(Sizes.entry("k", Map.of()) > Sizes.of(Map.of()), "an entry costs its node and key too");
    }

    @Test
    void sizes_ofVeryDeepDocuments_areBoundedButStillGrowWithWidth() {
        Object deepMap = Map.of();
        Object deepList = List.of();
        for (int i = 0; i < 1000; i++) {
            deepMap = Map.of("k", deepMap);
            deepList = List.of(deepList);
        }
        long map = Sizes.of(deepMap);
        long list = Sizes.of(deepList);
        // walked 64 levels deep, then estimated: far less than walking all 1000 levels would give
        assertTrue(map > 64 * 64 && map < 50_000, String.valueOf(map));
        assertTrue(list > 40 * 64 && list < 20_000, String.valueOf(list));
        List<Object> wide = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            wide.add(deepList);
        }
        assertTrue(Sizes.of(wide) > 9 * list, "ten deep lists cost about ten times one");
    }

    @Test
    void toBuilder_copiesEverySetting() {
        MonitorOptions original = MonitorOptions.builder().backend("memory").set("telltale.memory.channel", "c1")
                .option("from", "start").collateTimeout(Duration.ofSeconds(7)).maxLiveObjects(3).maxLiveBytes(4096)
                .duration(Duration.ofSeconds(9)).build();
        MonitorOptions copy = original.toBuilder().build();
        assertEquals("memory", copy.backend());
        assertEquals(Map.of("telltale.memory.channel", "c1"), copy.settings());
        assertEquals(Map.of("from", "start"), copy.subscriptionOptions());
        assertEquals(Duration.ofSeconds(7), copy.collateTimeout());
        assertEquals(3, copy.maxLiveObjects());
        assertEquals(4096, copy.maxLiveBytes());
        assertEquals(Duration.ofSeconds(9), copy.duration());
        MonitorOptions changed = original.toBuilder().set("telltale.memory.other", "x").build();
        assertEquals(Map.of("telltale.memory.channel", "c1"), original.settings(), "the original is unchanged");
        assertEquals(2, changed.settings().size());
    }

    @Test
    void limits_oneIsTheSmallestAccepted() {
        assertDoesNotThrow(() -> MonitorOptions.builder().maxLiveObjects(1).maxLiveBytes(1));
        assertThrows(IllegalArgumentException.class, () -> MonitorOptions.builder().maxLiveObjects(0));
        assertThrows(IllegalArgumentException.class, () -> MonitorOptions.builder().maxLiveBytes(0));
    }

    @Test
    void duration_mustBePositive_orNoneAtAll() {
        assertEquals(Duration.ofMillis(1), MonitorOptions.builder().duration(Duration.ofMillis(1)).build().duration());
        assertEquals(null, MonitorOptions.builder().duration(null).build().duration());
        assertThrows(IllegalArgumentException.class, () -> MonitorOptions.builder().duration(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> MonitorOptions.builder().duration(Duration.ofSeconds(-1)));
    }

    @Test
    void keysOfOneObject_areEqual_othersAreNot() {
        Map<ObjectKey, String> byKey = new LinkedHashMap<>();
        byKey.put(new ObjectKey("box", 1, "c1"), "first");
        byKey.put(new ObjectKey("box", 1, "c1"), "again");
        byKey.put(new ObjectKey("box", 2, "c1"), "other pid");
        byKey.put(new ObjectKey("other", 1, "c1"), "other host");
        byKey.put(new ObjectKey("box", 1, "c2"), "other source");
        assertEquals(4, byKey.size());
        assertEquals("again", byKey.get(new ObjectKey("box", 1, "c1")));
    }
}
