package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Random object graphs, seeded so that a failure can be replayed. */
class JsonWriterPropertyTest {

    enum Mood { CALM, ANGRY }

    record Pair(Object left, Object right) {}

    @Test
    void randomGraphs_alwaysValidJsonWithinSizeBound() {
        for (int seed = 0; seed < 3000; seed++) {
            Random random = new Random(seed);
            JsonLimits limits = randomLimits(random);
            Object graph = new Graphs(random).value(0);
            JsonWriter w = seed % 2 == 0 ? new JsonWriter(limits) : null;
            byte[] json;
            try {
                if (w == null) {
                    w = new JsonWriter(limits);
                    w.value("warm-up").reset();
                }
                json = w.value(graph).toByteArray();
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " threw", e);
            }

            assertTrue(json.length <= JsonWriter.maxSize(limits),
                    "seed " + seed + ": " + json.length + " bytes > " + JsonWriter.maxSize(limits));
            try {
                Json.parseBoth(json);
            } catch (JsonException e) {
                fail("seed " + seed + " wrote invalid JSON: " + e.getMessage() + "\n"
                        + new String(json, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void randomJsonTrees_readBackEqual_andPrinterAgrees() {
        for (int seed = 0; seed < 2000; seed++) {
            Random random = new Random(seed);
            Object tree = new Trees(random).value(0);

            String json = Json.write(tree);

            assertEquals(tree, JsonReader.parse(json), "seed " + seed + ": " + json);
            assertEquals(json, JsonPrinter.compact(tree), "seed " + seed);
            assertEquals(tree, JsonReader.parse(JsonPrinter.pretty(tree)), "seed " + seed);
        }
    }

    @Test
    void sameGraphTwice_sameOutput_writerStateFullyReset() {
        JsonWriter w = new JsonWriter(Json.limits(6, 40, 5, 300));
        for (int seed = 0; seed < 500; seed++) {
            Object graph = new Graphs(new Random(seed)).value(0);
            w.reset();
            String first = w.value(graph).toString();
            w.reset();
            String second = w.value(graph).toString();

            assertEquals(first, second, "seed " + seed);
        }
    }

    private static JsonLimits randomLimits(Random random) {
        return Json.limits(
                1 + random.nextInt(20),
                random.nextInt(4) == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(100),
                1 + random.nextInt(20),
                random.nextInt(4) == 0 ? 1 << 20 : 1 + random.nextInt(2000));
    }

    /** Any objects: containers that may refer back to themselves, odd values, failing ones. */
    static final class Graphs {
        private final Random random;
        private final List<Object> containers = new ArrayList<>();

        Graphs(Random random) {
            this.random = random;
        }

        Object value(int depth) {
            int kind = random.nextInt(depth > 6 ? 9 : 18);
            switch (kind) {
                case 0: return null;
                case 1: case 2: return text();
                case 3: return random.nextLong() >> random.nextInt(64);
                case 4: return randomDouble();
                case 5: return Float.intBitsToFloat(random.nextInt());
                case 6: return random.nextBoolean();
                case 7: return random.nextBoolean()
                        ? new BigInteger(random.nextInt(200) + 1, random)
                        : new BigDecimal(new BigInteger(random.nextInt(100) + 1, random), random.nextInt(40) - 20);
                case 8: return switch (random.nextInt(5)) {
                    case 0 -> Mood.values()[random.nextInt(2)];
                    case 1 -> Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
                    case 2 -> Duration.ofNanos(random.nextLong());
                    case 3 -> new UUID(random.nextLong(), random.nextLong());
                    default -> Optional.ofNullable(random.nextBoolean() ? null : text());
                };
                case 9: case 10: {
                    List<Object> list = new ArrayList<>();
                    containers.add(list);
                    int n = random.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    return list;
                }
                case 11: case 12: {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    containers.add(map);
                    int n = random.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        map.put(random.nextInt(5) == 0 ? odd() : text(), value(depth + 1));
                    }
                    return map;
                }
                case 13: {
                    Object[] array = new Object[random.nextInt(6)];
                    containers.add(array);
                    for (int i = 0; i < array.length; i++) {
                        array[i] = value(depth + 1);
                    }
                    return array;
                }
                case 14: return switch (random.nextInt(4)) {
                    case 0 -> random.ints(random.nextInt(30)).toArray();
                    case 1 -> random.doubles(random.nextInt(30)).map(d -> d * 1e10).toArray();
                    case 2 -> { byte[] bytes = new byte[random.nextInt(100)]; random.nextBytes(bytes); yield bytes; }
                    default -> new char[] {(char) random.nextInt(0x10000), '\uD800'};
                };
                case 15: return new Pair(value(depth + 1), value(depth + 1));
                case 16: return containers.isEmpty() ? odd() : containers.get(random.nextInt(containers.size()));
                default: return random.nextBoolean() ? odd() : iterable(depth);
            }
        }

        private double randomDouble() {
            return switch (random.nextInt(4)) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE}[random.nextInt(4)];
                default -> random.nextGaussian() * Math.pow(10, random.nextInt(20));
            };
        }

        private String text() {
            int length = random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(12);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = switch (random.nextInt(6)) {
                    case 0 -> (char) random.nextInt(0x20);
                    case 1 -> (char) (0xD800 + random.nextInt(0x800));
                    case 2 -> (char) random.nextInt(0x10000);
                    case 3 -> "\"\\\u2028\u2029".charAt(random.nextInt(4));
                    default -> (char) (0x20 + random.nextInt(0x60));
                };
            }
            return new String(chars);
        }

        /** Objects whose toString() is plain, null, throwing or very long. */
        private Object odd() {
            int kind = random.nextInt(4);
            String text = text();
            return new Object() {
                @Override
                public String toString() {
                    return switch (kind) {
                        case 0 -> text;
                        case 1 -> null;
                        case 2 -> throw new IllegalStateException(text);
                        default -> text.repeat(20);
                    };
                }
            };
        }

        /** Iterables that end, never end, or fail part way. */
        private Iterable<Object> iterable(int depth) {
            List<Object> items = new ArrayList<>();
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                items.add(value(depth + 1));
            }
            int mode = random.nextInt(3);
            return () -> new Iterator<>() {
                int next;

                @Override
                public boolean hasNext() {
                    return mode == 1 || next < items.size() || mode == 2;
                }

                @Override
                public Object next() {
                    if (next < items.size()) {
                        return items.get(next++);
                    }
                    if (mode == 2) {
                        throw new UnsupportedOperationException("gone");
                    }
                    return next++;
                }
            };
        }
    }

    /** Plain JSON values that the reader returns as they are. */
    static final class Trees {
        private final Random random;

        Trees(Random random) {
            this.random = random;
        }

        Object value(int depth) {
            switch (random.nextInt(depth > 4 ? 6 : 8)) {
                case 0: return null;
                case 1: return random.nextBoolean();
                case 2: return random.nextLong() >> random.nextInt(64);
                case 3: {
                    double d = Double.longBitsToDouble(random.nextLong());
                    return Double.isFinite(d) ? d : 0.5;
                }
                case 4: case 5: { // well-formed UTF-16: a lone surrogate is written as U+FFFD
                    StringBuilder text = new StringBuilder();
                    for (int i = random.nextInt(10); i > 0; i--) {
                        int cp = random.nextInt(random.nextBoolean() ? 0x80 : 0x110000);
                        text.appendCodePoint(Character.isSurrogate((char) cp) && cp < 0x10000 ? 0xFFFD : cp);
                    }
                    return text.toString();
                }
                case 6: {
                    List<Object> list = new ArrayList<>();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        list.add(value(depth + 1));
                    }
                    return list;
                }
                default: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        map.put(Arrays.toString(new int[] {random.nextInt(100)}), value(depth + 1));
                    }
                    return map;
                }
            }
        }
    }
}
