package dev.telltale.core.internal.json;

import static dev.telltale.core.internal.json.Json.limits;
import static dev.telltale.core.internal.json.Json.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the walk treats shared containers, throwing values, and output that ends at the byte limit. */
class JsonWriterWalkTest {

    record Box(Object value) {}

    record Throwing(int x) {
        static Throwable failure;

        @Override
        public int x() {
            throw sneaky(failure);
        }
    }

    // ---- the same container twice, not a cycle ----

    static Stream<Arguments> sharedContainers() {
        Map<String, Object> map = new LinkedHashMap<>(Map.of("k", 1));
        return Stream.of(
                Arguments.of("map", map, "{\"k\":1}"),
                Arguments.of("list", new ArrayList<>(List.of(1)), "[1]"),
                Arguments.of("object array", new Object[] {1}, "[1]"),
                Arguments.of("int array", new int[] {1}, "[1]"),
                Arguments.of("iterable", (Iterable<Integer>) () -> List.of(1).iterator(), "[1]"),
                Arguments.of("record", new Box(1), "{\"value\":1}"),
                Arguments.of("char array", new char[] {'a'}, "[\"a\"]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedContainers")
    void containerReferencedTwiceWithoutCycle_writtenEachTime(String kind, Object shared, String json) {
        Object value = List.of(shared, shared, List.of(shared), new Box(shared));

        assertEquals("[" + json + "," + json + ",[" + json + "],{\"value\":" + json + "}]", write(value));
    }

    @Test
    void containerAfterADepthCut_notMistakenForCycle() {
        List<Object> shared = new ArrayList<>(List.of(1));
        Object value = List.of(List.of(List.of(shared)), shared);

        assertEquals("[[[{\"$cut\":\"depth\",\"$type\":\"java.util.ArrayList\"}]],[1]]", write(value, limits(3, 100, 100, 1000)));
    }

    // ---- fatal errors rethrown, the rest become markers ----

    static Stream<Arguments> throwingSites() {
        return Stream.of(
                Arguments.of("CharSequence.toString", (Function<Throwable, Object>) t -> new CharSequence() {
                    @Override
                    public int length() {
                        return 0;
                    }

                    @Override
                    public char charAt(int index) {
                        throw new IndexOutOfBoundsException(index);
                    }

                    @Override
                    public CharSequence subSequence(int start, int end) {
                        return this;
                    }

                    @Override
                    public String toString() {
                        throw sneaky(t);
                    }
                }, "toString() threw"),
                Arguments.of("AtomicLong.longValue", (Function<Throwable, Object>) t -> new AtomicLong() {
                    @Override
                    public long longValue() {
                        throw sneaky(t);
                    }
                }, "longValue() threw"),
                Arguments.of("DoubleAdder.doubleValue", (Function<Throwable, Object>) t -> new DoubleAdder() {
                    @Override
                    public double doubleValue() {
                        throw sneaky(t);
                    }
                }, "doubleValue() threw"),
                Arguments.of("map key toString", (Function<Throwable, Object>) t -> Map.of(new Object() {
                    @Override
                    public String toString() {
                        throw sneaky(t);
                    }
                }, 1), "$error:"),
                Arguments.of("record accessor", (Function<Throwable, Object>) t -> {
                    Throwing.failure = t;
                    return new Throwing(1);
                }, "\"$error\""),
                Arguments.of("exception message", (Function<Throwable, Object>) t -> (Iterable<Object>) () -> {
                    throw new IllegalStateException() {
                        @Override
                        public String getMessage() {
                            throw sneaky(t);
                        }
                    };
                }, "\"$error\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throwingSites")
    void fatalErrorFromAValue_rethrown(String site, Function<Throwable, Object> value, String marker) {
        for (Throwable fatal : List.of(new StackOverflowError(), new OutOfMemoryError(), new NoClassDefFoundError())) {
            JsonWriter w = new JsonWriter(JsonLimits.DEFAULT);

            Throwable thrown = assertThrows(Throwable.class, () -> w.value(List.of(value.apply(fatal))));

            assertSame(fatal, thrown);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throwingSites")
    void otherThrowableFromAValue_becomesAMarker(String site, Function<Throwable, Object> value, String marker) {
        for (Throwable other : List.of(new IllegalStateException("x"), new AssertionError("y"), new Exception("z"))) {
            String json = write(List.of(value.apply(other), "after"));

            assertTrue(json.contains(marker), json);
            assertTrue(json.endsWith(",\"after\"]"), json);
            JsonReader.parse(json);
        }
    }

    // ---- output that ends exactly at the limit ----

    @Test
    void valueEndingExactlyAtMaxBytes_writtenWhole_oneByteLess_cutWithinIt() {
        List<String> value = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            value.add("item-" + i);
        }
        String whole = write(value);
        int size = whole.length();

        assertEquals(whole, write(value, limits(4, 100, 100, size)));
        String cut = write(value, limits(4, 100, 100, size - 1));
        assertTrue(cut.length() <= size - 1, cut.length() + " > " + (size - 1));
        assertTrue(cut.endsWith(",{\"$cut\":\"size\"}]"), cut);
        assertFalse(write(value, limits(4, 100, 100, size + 1)).contains("$cut"));
    }

    @Test
    void everyBudgetAroundTheSize_neverLonger() {
        Map<String, Object> value = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            value.put("k" + i, i % 3 == 0 ? List.of(i, "s" + i) : i % 3 == 1 ? "v\u00e9\uD83D\uDE00" + i : (Object) (i * 0.5));
        }
        int size = write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        for (int budget = JsonWriter.MIN_MAX_BYTES; budget <= size + 2; budget++) {
            byte[] json = new JsonWriter(limits(4, 100, 100, budget)).value(value).toByteArray();

            assertTrue(json.length <= budget, budget + ": " + json.length);
            Json.parseBoth(json);
            assertEquals(budget >= size, json.length == size, "whole exactly when it fits, budget " + budget);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
