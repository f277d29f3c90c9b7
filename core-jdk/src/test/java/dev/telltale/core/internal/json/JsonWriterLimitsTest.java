package dev.telltale.core.internal.json;

import static dev.telltale.core.internal.json.Json.limits;
import static dev.telltale.core.internal.json.Json.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JsonWriterLimitsTest {

    record Node(String name, List<Object> children) {}

    // ---- cycles ----

    @Test
    void list_containingItself_cycleMarker() {
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(list);

        assertEquals("[1,{\"$cut\":\"cycle\",\"$type\":\"java.util.ArrayList\"}]", write(list));
    }

    @Test
    void map_containingItself_cycleMarkerAndRestWritten() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("self", map);
        map.put("x", 1);

        assertEquals("{\"self\":{\"$cut\":\"cycle\",\"$type\":\"java.util.LinkedHashMap\"},\"x\":1}", write(map));
    }

    @Test
    void record_cycleThroughItsList_cycleMarker() {
        Node root = new Node("root", new ArrayList<>());
        root.children().add(root);

        assertEquals("{\"name\":\"root\",\"children\":[{\"$cut\":\"cycle\",\"$type\":\"" + Node.class.getName()
                + "\"}]}", write(root));
    }

    @Test
    void objectArray_containingItself_cycleMarker() {
        Object[] array = new Object[2];
        array[0] = "x";
        array[1] = array;

        assertEquals("[\"x\",{\"$cut\":\"cycle\",\"$type\":\"[Ljava.lang.Object;\"}]", write(array));
    }

    @Test
    void indirectCycle_markedWhereItCloses() {
        List<Object> a = new ArrayList<>();
        List<Object> b = new ArrayList<>();
        a.add(b);
        b.add(a);

        assertEquals("[[{\"$cut\":\"cycle\",\"$type\":\"java.util.ArrayList\"}]]", write(a));
    }

    @Test
    void sameObjectTwiceNotOnPath_writtenBothTimes() {
        List<Integer> shared = new ArrayList<>(List.of(1));
        Node leaf = new Node("leaf", List.of());

        assertEquals("[[1],[1],{\"k\":[1]},{\"name\":\"leaf\",\"children\":[]},{\"name\":\"leaf\",\"children\":[]}]",
                write(List.of(shared, shared, Map.of("k", shared), leaf, leaf)));
    }

    @Test
    void equalButDistinctContainers_notMistakenForCycle() {
        List<Object> outer = new ArrayList<>();
        outer.add(new ArrayList<>()); // equals(outer) would be false, but an empty list equals another

        assertEquals("[[]]", write(outer));
        assertEquals("[[[]]]", write(List.of(new ArrayList<>(List.of(new ArrayList<>())))));
    }

    // ---- depth ----

    @Test
    void nestingDeeperThanMaxDepth_depthMarker() {
        assertEquals("[[[{\"$cut\":\"depth\",\"$type\":\"java.util.ArrayList\"}]]]",
                write(nested(4, "deep"), limits(3, 100, 100, 1000)));
        assertEquals("[[[[\"deep\"]]]]", write(nested(4, "deep"), limits(4, 100, 100, 1000)));
    }

    @Test
    void depthMarker_appliesToMapsRecordsAndArrays() {
        JsonLimits one = limits(1, 100, 100, 1000);

        assertEquals("[{\"$cut\":\"depth\",\"$type\":\"java.util.HashMap\"}]", write(List.of(new HashMap<>()), one));
        assertEquals("{\"a\":{\"$cut\":\"depth\",\"$type\":\"[I\"}}", write(Map.of("a", new int[] {1}), one));
        assertEquals("[{\"$cut\":\"depth\",\"$type\":\"" + Node.class.getName() + "\"}]",
                write(List.of(new Node("n", List.of())), one));
    }

    @Test
    void depth_countsContainersOpenedByTheCaller() {
        JsonWriter w = new JsonWriter(limits(3, 100, 100, 1000));

        w.beginArray().beginArray().value(nested(2, 1)).endArray().endArray();

        assertEquals("[[[{\"$cut\":\"depth\",\"$type\":\"java.util.ArrayList\"}]]]", w.toString());
    }

    @Test
    void veryDeepStructure_cutAtMaxDepthWithoutStackOverflow() {
        Object deep = nested(200_000, "bottom");

        String json = write(deep, limits(JsonLimits.MAX_DEPTH, 100, 100, 1 << 20));

        assertTrue(json.contains("\"$cut\":\"depth\""));
        assertTrue(JsonReader.parse(json) instanceof List);
    }

    // ---- items ----

    @Test
    void list_moreThanMaxItems_omittedCount() {
        JsonLimits three = limits(4, 100, 3, 1000);

        assertEquals("[1,2,3,{\"$omitted\":2}]", write(List.of(1, 2, 3, 4, 5), three));
        assertEquals("[1,2,3]", write(List.of(1, 2, 3), three));
        assertEquals("[1,2,3,{\"$omitted\":1}]", write(new LinkedHashSet<>(List.of(1, 2, 3, 4)), three));
    }

    @Test
    void map_moreThanMaxItems_omittedMember() {
        Map<String, Integer> map = new LinkedHashMap<>();
        IntStream.range(0, 5).forEach(i -> map.put("k" + i, i));

        assertEquals("{\"k0\":0,\"k1\":1,\"$omitted\":3}", write(map, limits(4, 100, 2, 1000)));
    }

    @Test
    void arrays_moreThanMaxItems_omittedCount() {
        JsonLimits two = limits(4, 100, 2, 1000);

        assertEquals("[1,2,{\"$omitted\":3}]", write(new int[] {1, 2, 3, 4, 5}, two));
        assertEquals("[\"a\",\"b\",{\"$omitted\":1}]", write(new String[] {"a", "b", "c"}, two));
        assertEquals("[true,false]", write(new boolean[] {true, false}, two));
    }

    @Test
    void iterableWithoutSize_stopsAfterMaxItemsAndSaysMore() {
        int[] nextCalls = {0};
        Iterable<Integer> naturals = () -> new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                nextCalls[0]++;
                return next++;
            }
        };

        assertEquals("[0,1,2,{\"$omitted\":\"more\"}]", write(naturals, limits(4, 100, 3, 1000)));
        assertEquals(3, nextCalls[0]);
    }

    @Test
    void collectionWhoseSizeUndercounts_saysMore() {
        Collection10 lying = new Collection10(2);

        assertEquals("[0,1,2,{\"$omitted\":\"more\"}]", write(lying, limits(4, 100, 3, 1000)));
    }

    // ---- byte budget ----

    /** A budget under which no element is started {@code start} bytes in, for one open array. */
    private static JsonLimits arrayBudget(int start) {
        return limits(8, 100, 100, start + JsonWriter.STRETCH + JsonWriter.ARRAY_CLOSE);
    }

    @Test
    void budgetSpentInArray_remainingElementsReplacedByOneMarker() {
        List<String> values = java.util.Collections.nCopies(30, "aaaa");

        assertEquals("[\"aaaa\",\"aaaa\",\"aaaa\",{\"$cut\":\"size\"}]", write(values, arrayBudget(21)));
        assertEquals("[\"aaaa\",\"aaaa\",\"aaaa\",\"…[+4 chars]\",{\"$cut\":\"size\"}]", write(values, arrayBudget(22)),
                "an element started before the limit is cut at it");
    }

    @Test
    void budgetSpentInNestedContainers_eachOpenContainerMarkedAndClosed() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", java.util.Collections.nCopies(20, "xxxxxxxxxx"));
        map.put("b", 1);
        // inside the array, nothing is started 31 bytes in; in the object, 48 bytes in
        int budget = 31 + JsonWriter.STRETCH + JsonWriter.OBJECT_CLOSE + JsonWriter.ARRAY_CLOSE;

        assertEquals("{\"a\":[\"xxxxxxxxxx\",\"xxxxxxxxxx\",{\"$cut\":\"size\"}],\"$cut\":\"size\"}",
                write(map, limits(8, 100, 100, budget)));
    }

    @Test
    void budgetSpentInsideString_stringCutWithMarker() {
        String value = "abcdefghijklmnopqrstuvwxyz".repeat(10);

        assertEquals("\"abcdefghi…[+251 chars]\"", write(value, limits(8, 1000, 100, 10 + JsonWriter.STRETCH)));
    }

    @Test
    void budgetExactlyTheSize_noMarker_oneByteLess_cut() {
        assertEquals("[\"aaaa\",\"bbbb\"]", write(List.of("aaaa", "bbbb"), limits(8, 100, 100, 15)));
        assertEquals("[{\"$cut\":\"size\"}]", write(List.of("aaaa", "bbbb"), limits(8, 100, 100, 14)),
                "below MIN_MAX_BYTES, the smallest cut form");
    }

    @Test
    void largeInput_outputWithinBoundAndValid() {
        List<String> big = IntStream.range(0, 100_000).mapToObj(i -> "value-" + i).toList();
        JsonLimits limits = limits(16, 1000, 1_000_000, 1000);

        byte[] json = new JsonWriter(limits).value(Map.of("big", big, "more", big)).toByteArray();

        assertTrue(json.length >= 800 && json.length <= 1000, "size " + json.length);
        assertTrue(Json.parseBoth(json) instanceof Map);
    }

    @Test
    void hugeStringsAndBase64_cutByBudgetNotJustMaxChars() {
        JsonLimits limits = limits(16, Integer.MAX_VALUE, 1000, 100);
        Object value = List.of("\u0001".repeat(100_000), new byte[100_000], "\uD83D\uDE00".repeat(50_000));

        byte[] json = new JsonWriter(limits).value(value).toByteArray();

        assertTrue(json.length <= JsonWriter.maxSize(limits), "size " + json.length);
        assertTrue(Json.parseBoth(json) instanceof List);
    }

    @Test
    void budget_startsAnewForEachTopLevelValue() {
        JsonWriter w = new JsonWriter(limits(8, 100, 100, 15)); // one array is 15 bytes

        w.value(List.of("aaaa", "bbbb")).value(List.of("cccc", "dddd"));

        assertEquals("[\"aaaa\",\"bbbb\"][\"cccc\",\"dddd\"]", w.toString());
    }

    // ---- failures while walking ----

    @Test
    void iteratorThrows_errorElementAndArrayClosed() {
        assertEquals("[1,2,{\"$error\":\"java.lang.IllegalStateException: broken\"}]", write(brokenAfter(2)));
    }

    @Test
    void failureInNestedContainer_outerContainerCarriesOn() {
        assertEquals("[0,[1,{\"$error\":\"java.lang.IllegalStateException: broken\"}],3]",
                write(List.of(0, brokenAfter(1), 3)));
    }

    @Test
    void listModifiedWhileWritten_concurrentModificationMarker() {
        List<Object> list = new ArrayList<>();
        list.add("a");
        list.add(new Object() {
            @Override
            public String toString() {
                list.add("b");
                return "mutator";
            }
        });
        list.add("c");

        String json = write(list);

        assertTrue(json.startsWith("[\"a\",{\"$type\":"), json);
        assertTrue(json.endsWith("\"$repr\":\"mutator\"},{\"$error\":\"java.util.ConcurrentModificationException\"}]"),
                json);
    }

    @Test
    void mapModifiedWhileWritten_errorMemberAndObjectClosed() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", new Object() {
            @Override
            public String toString() {
                map.put("z", 0);
                return "mutator";
            }
        });
        map.put("b", 2);

        String json = write(map);

        assertTrue(json.endsWith("\"$repr\":\"mutator\"},\"$error\":\"java.util.ConcurrentModificationException\"}"),
                json);
    }

    @Test
    void mapEntryValueThrows_errorMemberAfterEntriesWritten() {
        Map<String, Object> map = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                return new LinkedHashSet<>(List.of(
                        new SimpleEntry<>("ok", 1),
                        new SimpleEntry<>("bad", 2) {
                            @Override
                            public Object getValue() {
                                throw new IllegalStateException("value");
                            }
                        }));
            }
        };

        assertEquals("{\"ok\":1,\"$error\":\"java.lang.IllegalStateException: value\"}", write(map));
    }

    @Test
    void collectionSizeThrows_errorElement() {
        Collection10 broken = new Collection10(-1);

        assertEquals("[{\"$error\":\"java.lang.UnsupportedOperationException: size\"}]", write(broken));
    }

    @Test
    void fatalErrors_propagate() {
        JsonWriter w = new JsonWriter(JsonLimits.DEFAULT);

        assertThrows(StackOverflowError.class, () -> w.value(List.of(1, throwing(new StackOverflowError()))));
        assertThrows(NoClassDefFoundError.class, () -> w.value(throwing(new NoClassDefFoundError("X"))));
        assertThrows(OutOfMemoryError.class, () -> w.value(new Object() {
            @Override
            public String toString() {
                throw new OutOfMemoryError("toString");
            }
        }));

        w.reset();
        assertEquals("[1]", w.value(List.of(1)).toString(), "usable after reset");
    }

    @Test
    void unwindTo_closesOpenContainersAndCompletesDanglingName() {
        JsonWriter w = new JsonWriter(JsonLimits.DEFAULT);
        w.beginArray().beginObject().name("a").beginArray().number(1).beginObject().name("b");

        w.unwindTo(2);
        w.endObject().endArray();

        assertEquals("[{\"a\":[1,{\"b\":null}]}]", w.toString());
    }

    private static List<Object> nested(int depth, Object leaf) {
        Object value = leaf;
        for (int i = 0; i < depth; i++) {
            List<Object> list = new ArrayList<>(1);
            list.add(value);
            value = list;
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        return list;
    }

    private static Iterable<Integer> brokenAfter(int count) {
        return () -> new Iterator<>() {
            int next = 1;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next > count) {
                    throw new IllegalStateException("broken");
                }
                return next++;
            }
        };
    }

    private static Iterable<Integer> throwing(Error error) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw error;
            }

            @Override
            public Integer next() {
                throw error;
            }
        };
    }

    /** Ten elements 0..9, reporting {@code size} as its size, or throwing from size() if negative. */
    static final class Collection10 extends AbstractCollection<Integer> {
        private final int size;

        Collection10(int size) {
            this.size = size;
        }

        @Override
        public Iterator<Integer> iterator() {
            return IntStream.range(0, 10).iterator();
        }

        @Override
        public int size() {
            if (size < 0) {
                throw new UnsupportedOperationException("size");
            }
            return size;
        }
    }
}
