package dev.telltale.core.internal.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.json.JsonPrinter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values are read to a depth, capped, cut at cycles by reference, redacted and kept within a budget. */
class ValueCaptureTest {

    private static final SnapshotSettings DEFAULTS = SnapshotSettings.defaults(Path.of("unused"));

    static final class Node {
        final String name;
        Node next;

        Node(String name) {
            this.name = name;
        }
    }

    static final class Account {
        final String user = "ada";
        final String password = "hunter2";
        final Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", "Bearer xyz"));
        final String apiKey = "k-123";
    }

    static final class Grumpy {
        @Override
        public String toString() {
            throw new UnsupportedOperationException("no");
        }
    }

    private static String json(Object value) {
        return JsonPrinter.compact(value);
    }

    private static Object capture(SnapshotSettings settings, Object value) {
        return new ValueCapture(settings).value(value);
    }

    @Test
    void chainDeeperThanDepth_captured_endsInRepresentationAtTheDepth() {
        Node a = new Node("a");
        a.next = new Node("b");
        a.next.next = new Node("c");
        a.next.next.next = new Node("d");
        String out = json(capture(DEFAULTS, a));
        // depth 3: a's fields (1), b's (2), c's (3); c.next (d) only as its representation
        assertTrue(out.contains("\"name\":\"c\""), out);
        assertTrue(out.contains("\"$type\":\"" + Node.class.getName() + "\",\"$repr\":"), out);
        assertFalse(out.contains("\"name\":\"d\""), out);
    }

    @Test
    void depthZero_captured_isTypeAndToStringOnly() {
        Node n = new Node("a");
        assertEquals(Map.of("$type", Node.class.getName(), "$repr", n.toString()), capture(DEFAULTS.withDepth(0), n));
    }

    @Test
    void containerAtTheDepthLimit_captured_isTypeAndSize_notItsToString() {
        List<String> huge = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            huge.add("element " + i);
        }
        assertEquals(Map.of("$type", "java.util.ArrayList", "size", 10_000L), capture(DEFAULTS.withDepth(0), huge));
        assertEquals(Map.of("$type", "int[]", "length", 3L), capture(DEFAULTS.withDepth(0), new int[3]));
    }

    @Test
    void depthMinusOne_captured_followsTheWholeChain() {
        Node head = new Node("0");
        Node n = head;
        for (int i = 1; i < 50; i++) {
            n.next = new Node(Integer.toString(i));
            n = n.next;
        }
        String out = json(capture(DEFAULTS.withDepth(-1), head));
        assertTrue(out.contains("\"name\":\"49\""), out);
    }

    @Test
    void cycle_captured_endsWithAReferenceToTheFirstSighting() {
        Node a = new Node("a");
        a.next = new Node("b");
        a.next.next = a;
        String out = json(capture(DEFAULTS, a));
        assertTrue(out.startsWith("{\"$type\":\"" + Node.class.getName() + "\",\"$id\":1,"), out);
        assertTrue(out.contains("\"next\":{\"$ref\":1}"), out);
    }

    @Test
    void selfContainingList_captured_endsWithAReference() {
        List<Object> list = new ArrayList<>();
        list.add(list);
        assertEquals("{\"$type\":\"java.util.ArrayList\",\"$id\":1,\"size\":1,\"items\":[{\"$ref\":1}]}",
                json(capture(DEFAULTS, list)));
    }

    @Test
    void longStringAndBigCollection_captured_areCutWithMarkers() {
        List<Integer> big = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            big.add(i);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> list = (Map<String, Object>) capture(DEFAULTS, big);
        assertEquals(100, ((List<?>) list.get("items")).size());
        assertEquals(150L, list.get("$omitted"));
        String cut = (String) capture(DEFAULTS, "x".repeat(5000));
        assertEquals("x".repeat(1024) + "\u2026[+3976 chars]", cut);
    }

    @Test
    void throwingToString_captured_asTypeAndTheError() {
        assertEquals(Map.of("$type", Grumpy.class.getName(), "$error", "toString() threw java.lang.UnsupportedOperationException: no"),
                capture(DEFAULTS.withDepth(0), new Grumpy()));
    }

    @Test
    void secretNames_captured_redactedInFieldsMapKeysAndNames() {
        String out = json(new ValueCapture(DEFAULTS).named(Map.of("account", new Account(), "token", "t-1")));
        assertTrue(out.contains("\"user\":\"ada\""), out);
        assertFalse(out.contains("hunter2"), out);
        assertFalse(out.contains("Bearer"), out);
        assertFalse(out.contains("k-123"), out);
        assertFalse(out.contains("t-1"), out);
        assertTrue(out.contains("\"password\":{\"$type\":\"java.lang.String\",\"$redacted\":true}"), out);
    }

    @Test
    void redactionListEmpty_captured_keepsEverything() {
        SnapshotSettings open = new SnapshotSettings(DEFAULTS.dir(), 3, 1024, 100, 1 << 20, List.of(), List.of(),
                List.of(), false, false, List.of(), 3, true);
        assertTrue(json(new ValueCapture(open).named(Map.of("a", new Account()))).contains("hunter2"));
    }

    @Test
    void hugeGraphOverBudget_captured_valuesCutNotDropped() {
        Map<String, Object> huge = new HashMap<>();
        for (int i = 0; i < 90; i++) {
            huge.put("k" + i, "v".repeat(1000));
        }
        ValueCapture values = new ValueCapture(DEFAULTS.withMaxBytes(10_000));
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("first", "kept");
        named.put("huge", huge);
        named.put("last", "late");
        Map<String, Object> out = values.named(named);
        assertTrue(values.truncated());
        assertEquals("kept", out.get("first"));
        String text = json(out);
        assertTrue(text.contains("\"$cut\":\"size\""), text);
        assertTrue(text.length() < 14_000, "about the budget: " + text.length());
        assertEquals(Map.of("$type", "java.lang.String", "$cut", "size"), out.get("last"));
    }

    @Test
    void jdkObjectsAndPrimitives_captured_asRepresentationsAndJsonValues() {
        assertEquals(7L, capture(DEFAULTS, 7));
        assertEquals(true, capture(DEFAULTS, true));
        assertEquals(1.5, capture(DEFAULTS, 1.5f));
        assertEquals(Map.of("$type", "java.lang.Thread$State", "$repr", "NEW"), capture(DEFAULTS, Thread.State.NEW));
        String out = json(capture(DEFAULTS, new int[] {1, 2}));
        assertEquals("{\"$type\":\"int[]\",\"$id\":1,\"length\":2,\"items\":[1,2]}", out);
    }
}
