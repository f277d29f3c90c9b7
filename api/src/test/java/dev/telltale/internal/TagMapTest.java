package dev.telltale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagMapTest {

    @Test
    void wrap_keepsTheFirstSizePairs_inOrder_andIgnoresTheRestOfTheArray() {
        String[] kv = {"b", "2", "a", "1", "unused", "x"};
        TagMap tags = TagMap.wrap(kv, 2);
        assertEquals(2, tags.size());
        assertEquals(List.of("b", "a"), new ArrayList<>(tags.keySet()));
        assertEquals("1", tags.get("a"));
        assertTrue(tags.containsKey("b"));
        assertFalse(tags.containsKey("unused"));
        assertNull(tags.get("unused"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("b", "2");
        expected.put("a", "1");
        assertEquals(expected, tags);
        assertEquals(expected.hashCode(), tags.hashCode());
        List<String> walked = new ArrayList<>();
        tags.forEach((k, v) -> walked.add(k + "=" + v));
        assertEquals(List.of("b=2", "a=1"), walked);
    }

    @Test
    void wrap_ofNoTags_isTheEmptyMap() {
        assertSame(TagMap.empty(), TagMap.wrap(new String[4], 0));
        assertTrue(TagMap.empty().isEmpty());
    }

    @Test
    void wrap_sizeOutsideTheArray_failsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TagMap.wrap(new String[4], 3));
        assertTrue(e.getMessage().contains("size 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TagMap.wrap(new String[4], -1));
    }

    @Test
    void changes_areRefused() {
        TagMap tags = TagMap.wrap(new String[] {"k", "v"}, 1);
        assertThrows(UnsupportedOperationException.class, () -> tags.put("k", "w"));
        assertThrows(UnsupportedOperationException.class, () -> tags.remove("k"));
        assertThrows(UnsupportedOperationException.class, () -> tags.entrySet().iterator().next().setValue("w"));
        assertEquals("v", tags.get("k"));
    }

    @Test
    void finishedSpan_keepsATagMapAsIs_butCopiesAnyOtherMap() {
        SpanContext c = new SpanContext(0, 1, 1, 0, 1, "");
        TagMap own = TagMap.wrap(new String[] {"k", "v"}, 1);
        assertSame(own, span(c, own).tags());

        Map<String, String> mutable = new LinkedHashMap<>();
        mutable.put("k", "v");
        FinishedSpan copied = span(c, mutable);
        assertNotSame(mutable, copied.tags());
        mutable.put("k", "changed");
        assertEquals("v", copied.tags().get("k"));
        assertThrows(UnsupportedOperationException.class, () -> copied.tags().put("x", "y"));
    }

    private static FinishedSpan span(SpanContext c, Map<String, String> tags) {
        return new FinishedSpan(c, "op", SpanKind.LOCAL, "svc", null, 1, 2, tags, List.of(), null);
    }
}
