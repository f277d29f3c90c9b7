package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.core.internal.json.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyExtractorTest {

    /** lcmon's own example, with the nested "elapsed" first in document order. */
    private static final Map<String, Object> DOC = JsonReader.parseObject(
            "{\"status\":\"finished\",\"obj\":{\"elapsed\":2.73},\"id\":\"c529\",\"elapsed\":1.167,"
                    + "\"queue\":0}");

    @Test
    void key_givesTheFirstMatch_breadthFirst_notDepthFirst() {
        // depth-first would find obj.elapsed (2.73) before the top-level elapsed
        assertEquals(Map.of("elapsed", 1.167), KeyExtractor.of(List.of("elapsed")).extract(DOC));
    }

    @Test
    void starKey_givesEveryMatch_inBreadthFirstOrder() {
        assertEquals(Map.of("elapsed", List.of(1.167, 2.73)), KeyExtractor.of(List.of("*elapsed")).extract(DOC));
    }

    @Test
    void levels_areVisitedInOrder_arraysIncluded() {
        Object doc = JsonReader.parseObject("{\"a\":{\"b\":{\"k\":3}},\"c\":[{\"k\":2},[{\"k\":4}]],\"d\":{\"k\":1}}");

        // containers in the order found: d's k (1) first; then a.b's (3), queued before c's elements
        // (2, and 4 one array deeper). Depth-first would give 3, 2, 4, 1.
        assertEquals(Map.of("k", List.of(1L, 3L, 2L, 4L)), KeyExtractor.of(List.of("*k")).extract(doc));
        assertEquals(Map.of("k", 1L), KeyExtractor.of(List.of("k")).extract(doc));
    }

    @Test
    void matchesInsideAMatch_areFoundToo() {
        Object doc = JsonReader.parseObject("{\"obj\":{\"obj\":{\"x\":1}}}");

        assertEquals(Map.of("obj", List.of(Map.of("obj", Map.of("x", 1L)), Map.of("x", 1L))),
                KeyExtractor.of(List.of("*obj")).extract(doc));
    }

    @Test
    void keysNotFound_areAbsent_andTheOrderIsTheKeysOrder() {
        Map<String, Object> found = KeyExtractor.of(List.of("queue", "missing", "*nothing", "id")).extract(DOC);

        assertEquals(List.of("queue", "id"), new ArrayList<>(found.keySet()));
        assertEquals(Map.of(), KeyExtractor.of(List.of("missing")).extract(DOC));
    }

    @Test
    void badKeys_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyExtractor.of(List.of("*")));
        assertThrows(IllegalArgumentException.class, () -> KeyExtractor.of(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> KeyExtractor.of(List.of("a", "*a")));
        assertThrows(NullPointerException.class, () -> KeyExtractor.of(java.util.Arrays.asList("a", null)));
    }
}
