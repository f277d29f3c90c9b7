package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Three things the codec's other tests leave open: a container reached twice without a cycle is
 * written twice in full (only a container already open on the path is a cycle); errors that are
 * fatal to the JVM, thrown by a value's own methods, are not swallowed into {@code $error}
 * markers; and the byte budget is inclusive (output of exactly {@code maxBytes} is written
 * whole).
 */
class JsonWriterSharingAndFatalTest {

    record Pair(Object left, Object right) {}

    // --- shared, not cyclic ---------------------------------------------------------------------

    @Test
    void sameListUnderTwoKeys_writtenInFullBothTimes() {
        List<Integer> shared = List.of(1, 2);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", shared);
        map.put("b", shared);
        assertEquals("{\"a\":[1,2],\"b\":[1,2]}", Json.write(map));
    }

    @Test
    void sameMapTwiceInAList_writtenInFullBothTimes() {
        Map<String, Object> shared = Map.of("k", 1);
        assertEquals("[{\"k\":1},{\"k\":1},{\"k\":1}]", Json.write(List.of(shared, shared, shared)));
    }

    @Test
    void sameArrayTwiceInARecord_writtenInFullBothTimes() {
        int[] shared = {7, 8};
        assertEquals("{\"left\":[7,8],\"right\":[7,8]}", Json.write(new Pair(shared, shared)));
    }

    @Test
    void sameRecordTwice_andAfterItsOwnSubtree_writtenInFullEachTime() {
        Pair inner = new Pair(1, 2);
        assertEquals("{\"left\":{\"left\":1,\"right\":2},\"right\":{\"left\":1,\"right\":2}}",
                Json.write(new Pair(inner, inner)));
    }

    @Test
    void sameIterableTwice_writtenInFullBothTimes() {
        Iterable<String> shared = () -> List.of("x", "y").iterator();
        assertEquals("[[\"x\",\"y\"],[\"x\",\"y\"]]", Json.write(List.of(shared, shared)));
    }

    @Test
    void containerOnItsOwnPath_isStillACycle_afterASiblingUseOfIt() {
        List<Object> self = new ArrayList<>();
        List<Object> sibling = List.of(1);
        self.add(sibling);
        self.add(sibling);
        self.add(self);
        assertEquals("[[1],[1],{\"$cut\":\"cycle\",\"$type\":\"java.util.ArrayList\"}]", Json.write(self));
    }

    @Test
    void writerReused_afterAValueThatFailed_startsWithAnEmptyPath() {
        JsonWriter writer = new JsonWriter(JsonLimits.DEFAULT);
        List<Integer> shared = new ArrayList<>(List.of(1));
        Iterable<Object> throwing = () -> {
            throw new IllegalStateException("no iterator (test)");
        };
        writer.value(List.of(shared, throwing));
        writer.reset();
        assertEquals("[[1],[1]]", writer.value(List.of(shared, shared)).toString(),
                "nothing of the first value is left on the path");
    }

    // --- fatal errors -----------------------------------------------------------------------------

    private static void assertFatalPropagates(Object value) {
        Error fatal = assertThrows(Error.class, () -> Json.write(value));
        assertTrue(fatal instanceof VirtualMachineError || fatal instanceof LinkageError, fatal.toString());
        assertEquals("fatal (test)", fatal.getMessage());
    }

    private static Supplier<Error> oom() {
        return () -> new OutOfMemoryError("fatal (test)");
    }

    @Test
    void fatalErrorFromAMapsIterator_propagates_anOrdinaryOneIsAnErrorMember() {
        assertFatalPropagates(throwingMap(oom()));
        assertEquals("{\"$error\":\"java.lang.IllegalStateException: not fatal (test)\"}",
                Json.write(throwingMap(() -> new IllegalStateException("not fatal (test)"))));
    }

    @Test
    void fatalErrorFromACollectionsIterator_propagates() {
        assertFatalPropagates(new AbstractList<Object>() {
            @Override
            public Object get(int index) {
                throw new StackOverflowError("fatal (test)");
            }

            @Override
            public int size() {
                return 1;
            }
        });
    }

    @Test
    void fatalErrorFromAnIterable_propagates() {
        Iterable<Object> broken = () -> {
            throw new NoClassDefFoundError("fatal (test)");
        };
        assertFatalPropagates(broken);
    }

    @Test
    void fatalErrorFromToString_propagates() {
        assertFatalPropagates(new Object() {
            @Override
            public String toString() {
                throw new OutOfMemoryError("fatal (test)");
            }
        });
        assertFatalPropagates(new CharSequence() { // written as text, not as a $repr
            @Override
            public int length() {
                return 1;
            }

            @Override
            public char charAt(int index) {
                return 'x';
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return this;
            }

            @Override
            public String toString() {
                throw new OutOfMemoryError("fatal (test)");
            }
        });
    }

    @Test
    void fatalErrorFromARecordAccessor_propagates() {
        assertFatalPropagates(new FatalRecord(1));
    }

    record FatalRecord(int n) {
        @Override
        public int n() {
            throw new OutOfMemoryError("fatal (test)");
        }
    }

    @Test
    void fatalErrorFromANumbersValue_propagates() {
        assertFatalPropagates(new AtomicLong() {
            @Override
            public long longValue() {
                throw new OutOfMemoryError("fatal (test)");
            }
        });
    }

    @Test
    void fatalErrorFromAKeysToString_propagates() {
        Object key = new Object() {
            @Override
            public String toString() {
                throw new OutOfMemoryError("fatal (test)");
            }
        };
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(key, 1);
        assertFatalPropagates(map);
    }

    @Test
    void fatalErrorFromAnExceptionsMessage_propagates() {
        RuntimeException odd = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new OutOfMemoryError("fatal (test)");
            }
        };
        assertFatalPropagates(throwingMap(() -> {
            throw odd;
        }));
    }

    @Test
    void fatalError_leavesTheWriterUsable() {
        JsonWriter writer = new JsonWriter(JsonLimits.DEFAULT);
        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> writer.value(throwingMap(oom())));
        assertEquals("fatal (test)", thrown.getMessage());
        writer.reset();
        List<Integer> shared = List.of(3);
        assertEquals("[[3],[3]]", writer.value(List.of(shared, shared)).toString());
    }

    @Test
    void fatalError_leavesNothingOnTheReusedWritersPath_soTheSameMapIsNoCycleNextTime() {
        int[] calls = {0};
        Map<String, Object> failsOnce = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                if (calls[0]++ == 0) {
                    throw new OutOfMemoryError("fatal (test)");
                }
                return Map.<String, Object>of("k", 1).entrySet();
            }
        };
        JsonWriter writer = new JsonWriter(JsonLimits.DEFAULT);
        assertThrows(OutOfMemoryError.class, () -> writer.value(List.of(failsOnce)));
        writer.reset();
        assertEquals("[{\"k\":1}]", writer.value(List.of(failsOnce)).toString());
    }

    private static Map<String, Object> throwingMap(Supplier<? extends Throwable> error) {
        return new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, Object>> iterator() {
                        Throwable t = error.get();
                        if (t instanceof Error e) {
                            throw e;
                        }
                        throw (RuntimeException) t;
                    }

                    @Override
                    public int size() {
                        return 1;
                    }
                };
            }
        };
    }

    // --- the byte budget is inclusive -------------------------------------------------------------

    @Test
    void stringEndingExactlyAtMaxBytes_isWrittenWhole_oneMoreByteIsCut() {
        JsonLimits limits = Json.limits(16, 100_000, 1000, 200);
        String fits = "x".repeat(198); // two quotes: 200 bytes
        assertEquals("\"" + fits + "\"", Json.write(fits, limits));
        String over = fits + "x";
        String cut = Json.write(over, limits);
        assertTrue(cut.length() <= 200 && cut.contains("\u2026[+"), cut);
    }

    @Test
    void listEndingExactlyAtMaxBytes_isWrittenWhole_oneMoreByteIsCut() {
        JsonLimits limits = Json.limits(16, 100_000, 1000, 200);
        List<Integer> numbers = new ArrayList<>();
        while (Json.write(numbers, JsonLimits.DEFAULT).length() < 200 - 1) {
            numbers.add(numbers.size() % 10);
        }
        String whole = Json.write(numbers, JsonLimits.DEFAULT);
        // one more digit in the last element until the whole list takes exactly 200 bytes
        while (whole.length() < 200) {
            numbers.set(numbers.size() - 1, numbers.get(numbers.size() - 1) * 10 + 1);
            whole = Json.write(numbers, JsonLimits.DEFAULT);
        }
        assertEquals(200, whole.length());
        assertEquals(whole, Json.write(numbers, limits), "a list of exactly maxBytes is not cut");
        numbers.set(numbers.size() - 1, numbers.get(numbers.size() - 1) * 10 + 1);
        String cut = Json.write(numbers, limits);
        assertTrue(cut.length() <= 200 && cut.contains("\"$cut\":\"size\""), cut);
    }
}
