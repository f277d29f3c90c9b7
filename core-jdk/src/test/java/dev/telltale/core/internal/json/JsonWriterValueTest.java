package dev.telltale.core.internal.json;

import static dev.telltale.core.internal.json.Json.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonWriterValueTest {

    enum Color { RED, GREEN { @Override public String toString() { return "green!"; } } }

    record Point(int x, int y) {}

    record Shape(String name, List<Point> points, Color color, Object extra) {}

    record Empty() {}

    record Failing(int a, String b) {
        @Override
        public String b() {
            throw new IllegalStateException("no b today");
        }
    }

    @Test
    void scalars_mapToJsonLiterals() {
        assertEquals("null", write(null));
        assertEquals("[true,false]", write(List.of(true, false)));
        assertEquals("\"x\"", write('x'));
        assertEquals("\"built\"", write(new StringBuilder("built")));
    }

    @Test
    void enum_writtenByNameNotToString() {
        assertEquals("[\"RED\",\"GREEN\"]", write(List.of(Color.RED, Color.GREEN)));
    }

    @Test
    void timeAndIdentifierTypes_writtenByToString() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        List<Object> values = List.of(
                Instant.ofEpochSecond(1, 5), Duration.ofMillis(1500), LocalDate.of(2026, 11, 21),
                ZoneId.of("Europe/Paris"), ZoneOffset.ofHours(2), Period.ofDays(3), uuid,
                URI.create("http://h/p?q"), Path.of("/tmp", "x"), new File("/tmp/y"), String.class);

        assertEquals("[\"1970-01-01T00:00:01.000000005Z\",\"PT1.5S\",\"2026-11-21\",\"Europe/Paris\","
                + "\"+02:00\",\"P3D\",\"123e4567-e89b-12d3-a456-426614174000\",\"http://h/p?q\","
                + "\"/tmp/x\",\"/tmp/y\",\"java.lang.String\"]", write(values));
    }

    @Test
    void optionals_unwrappedOrNull() {
        List<Object> values = Arrays.asList(Optional.of("v"), Optional.empty(), Optional.of(Optional.of(3)),
                OptionalInt.of(1), OptionalInt.empty(), OptionalLong.of(-2), OptionalLong.empty(),
                OptionalDouble.of(0.5), OptionalDouble.empty());

        assertEquals("[\"v\",null,3,1,null,-2,null,0.5,null]", write(values));
    }

    @Test
    void optional_nestedVeryDeeply_noRecursion() {
        Object value = "deep";
        for (int i = 0; i < 1_000_000; i++) {
            value = Optional.of(value);
        }

        assertEquals("\"deep\"", write(value));
    }

    @Test
    void map_keysByStringValueOf_inIterationOrder() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(2, "two");
        map.put(null, "nothing");
        map.put(Color.GREEN, 1.5);
        map.put(List.of(1), null);

        assertEquals("{\"2\":\"two\",\"null\":\"nothing\",\"green!\":1.5,\"[1]\":null}", write(map));
    }

    @Test
    void map_keyWhoseToStringThrowsOrIsNull_neverThrows() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("bad key");
            }
        }, 1);
        map.put(new Object() {
            @Override
            public String toString() {
                return null;
            }
        }, 2);

        assertEquals("{\"$error:java.lang.IllegalStateException\":1,\"null\":2}", write(map));
    }

    @Test
    void collectionsAndIterables_writtenAsArrays() {
        Iterable<String> iterable = () -> List.of("a", "b").iterator();

        assertEquals("[[1,2],[3],[\"a\",\"b\"],[]]", write(List.of(
                new LinkedHashSet<>(List.of(1, 2)), new ArrayDeque<>(List.of(3)), iterable, List.of())));
    }

    @Test
    void primitiveArrays_writtenAsArrays() {
        assertEquals("[[1,-2],[3],[0.5,-0.0],[0.1],[true,false],[7],[\"a\",\"\\u0000\"],[\"s\",null],[]]",
                write(List.of(new int[] {1, -2}, new long[] {3}, new double[] {0.5, -0.0},
                        new float[] {0.1f}, new boolean[] {true, false}, new short[] {7},
                        new char[] {'a', '\0'}, new Object[] {"s", null}, new String[0])));
    }

    @Test
    void byteArray_writtenAsPaddedBase64() {
        for (int length = 0; length < 40; length++) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (i * 37 - 100);
            }

            assertEquals("\"" + Base64.getEncoder().encodeToString(bytes) + "\"", write(bytes));
        }
    }

    @Test
    void byteArray_longerThanMaxChars_cutAtAGroupWithMarker() {
        byte[] bytes = new byte[30]; // 40 base64 chars

        assertEquals("\"AAAAAAAA…[+32 chars]\"", write(bytes, Json.limits(4, 10, 10, 1000)));
    }

    @Test
    void record_writtenAsObjectOfComponentsInOrder() {
        Shape shape = new Shape("tri", List.of(new Point(0, 0), new Point(1, 2)), Color.RED, null);

        assertEquals("{\"name\":\"tri\",\"points\":[{\"x\":0,\"y\":0},{\"x\":1,\"y\":2}],"
                + "\"color\":\"RED\",\"extra\":null}", write(shape));
        assertEquals("{}", write(new Empty()));
    }

    @Test
    void record_accessorThrows_errorMemberAfterTheComponentsRead() {
        assertEquals("{\"a\":1,\"$error\":\"java.lang.IllegalStateException: no b today\"}",
                write(new Failing(1, "b")));
    }

    @Test
    void otherObject_typeAndRepr() {
        Object plain = new Object() {
            @Override
            public String toString() {
                return "plain \"thing\"";
            }
        };

        assertEquals("{\"$type\":\"" + plain.getClass().getName() + "\",\"$repr\":\"plain \\\"thing\\\"\"}",
                write(plain));
    }

    @Test
    void otherObject_toStringThrows_typeAndError() {
        Object broken = new Broken(new UnsupportedOperationException("nope"));
        Object silent = new Broken(new IllegalStateException());

        assertEquals("{\"$type\":\"" + Broken.class.getName() + "\",\"$error\":"
                + "\"toString() threw java.lang.UnsupportedOperationException: nope\"}", write(broken));
        assertEquals("{\"$type\":\"" + Broken.class.getName() + "\",\"$error\":"
                + "\"toString() threw java.lang.IllegalStateException\"}", write(silent));
    }

    @Test
    void otherObject_toStringNull_reprNull() {
        assertEquals("{\"$type\":\"" + Nothing.class.getName() + "\",\"$repr\":null}", write(new Nothing()));
    }

    @Test
    void charSequence_toStringThrows_typeAndError() {
        CharSequence broken = new BrokenText();

        assertEquals("{\"$type\":\"" + BrokenText.class.getName() + "\",\"$error\":"
                + "\"toString() threw java.lang.IllegalStateException: text\"}", write(broken));
    }

    @Test
    void numberSubclass_methodThrows_typeAndError() {
        AtomicLong broken = new AtomicLong() {
            @Override
            public long longValue() {
                throw new ArithmeticException("overflowed");
            }
        };

        assertEquals("{\"$type\":\"" + broken.getClass().getName() + "\",\"$error\":"
                + "\"longValue() threw java.lang.ArithmeticException: overflowed\"}", write(broken));
    }

    @Test
    void unknownNumberType_typeAndRepr() {
        Number odd = new Number() {
            @Override public int intValue() { return 1; }
            @Override public long longValue() { return 1; }
            @Override public float floatValue() { return 1; }
            @Override public double doubleValue() { return 1; }
            @Override public String toString() { return "one"; }
        };

        assertEquals("{\"$type\":\"" + odd.getClass().getName() + "\",\"$repr\":\"one\"}", write(odd));
    }

    @Test
    void nested_mapsListsRecordsAndTime_readBackAsPlainJson() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("when", Instant.parse("2026-01-02T03:04:05.123Z"));
        inner.put("took", Duration.ofSeconds(90));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("inner", inner);
        outer.put("points", new Point[] {new Point(1, 1)});
        outer.put("color", Color.GREEN);

        Object parsed = JsonReader.parse(write(outer));

        assertEquals(Map.of(
                "inner", Map.of("when", "2026-01-02T03:04:05.123Z", "took", "PT1M30S"),
                "points", List.of(Map.of("x", 1L, "y", 1L)),
                "color", "GREEN"), parsed);
    }

    @Test
    void iterable_nonCollection_iteratedLazily() {
        int[] nextCalls = {0};
        Iterable<Integer> counting = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 3;
            }

            @Override
            public Integer next() {
                nextCalls[0]++;
                return i++;
            }
        };

        assertEquals("[0,1,2]", write(counting));
        assertEquals(3, nextCalls[0]);
    }

    static final class Broken {
        private final RuntimeException failure;

        Broken(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public String toString() {
            throw failure;
        }
    }

    static final class Nothing {
        @Override
        public String toString() {
            return null;
        }
    }

    static final class BrokenText implements CharSequence {
        @Override public int length() { return 1; }
        @Override public char charAt(int index) { return 'x'; }
        @Override public CharSequence subSequence(int start, int end) { return this; }
        @Override public String toString() { throw new IllegalStateException("text"); }
    }
}
