package dev.telltale.core.internal.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slot names come from the class file's LocalVariableTable, by bytecode index; without one there are none. */
class LocalNamesTest {

    static int sample(int count, String label) {
        long total = count * 2L;
        return (int) total + label.length();
    }

    static int lines(int count, String label) {
        String prefix = label + count;
        long total = prefix.length() * 2L;
        return (int) total;
    }

    private static final String LINES = "(ILjava/lang/String;)I";

    /** The source line of the given statement of {@link #lines}: 0 the first, 2 the return. */
    private static int lineOf(int statement) {
        LocalNames.Method m = new LocalNames().method(LocalNamesTest.class, "lines", LINES);
        return m.lines().stream().mapToInt(LocalNames.Line::line).min().orElseThrow() + statement;
    }

    @Test
    void indexPastTheClassFilesCode_atLine_namesWhatIsInScopeAtThatLine_withTypes() {
        LocalNames names = new LocalNames();
        LocalNames.Method m = names.method(LocalNamesTest.class, "lines", LINES);
        LocalNames.Names at = names.at(LocalNamesTest.class, "lines", LINES, m.codeLength() + 12, lineOf(2));
        assertEquals(Map.of(0, "count", 1, "label", 2, "prefix", 3, "total"), at.bySlot(),
                "a rewritten method's handler stands past the original code: the line decides");
        assertEquals("J", at.descriptors().get(3));
        assertEquals("Ljava/lang/String;", at.descriptors().get(2));
        assertEquals(5, at.maxLocals(), "count, label, prefix and the two slots of total");
    }

    @Test
    void unknownIndex_atLine_leavesOutTheVariableTheLineDeclares() {
        LocalNames.Names at = new LocalNames().at(LocalNamesTest.class, "lines", LINES, -1, lineOf(1));
        assertEquals(Map.of(0, "count", 1, "label", 2, "prefix"), at.bySlot());
    }

    @Test
    void indexOnItsOwnLine_atLine_keepsTheIndex() {
        LocalNames.Names at = new LocalNames().at(LocalNamesTest.class, "lines", LINES, 0, lineOf(0));
        assertEquals(Map.of(0, "count", 1, "label"), at.bySlot());
    }

    @Test
    void slotValues_typed_followTheDeclaredType() {
        Object[] slots = {new LiveLocals.Primitive(0), new LiveLocals.Primitive(3750), new LiveLocals.Primitive(1),
            new LiveLocals.Primitive(123), "text", new LiveLocals.Primitive(Double.doubleToRawLongBits(2.5))};
        assertEquals(3750L, LiveLocals.typed(slots, 0, "J"), "a long from the slot of its two that holds it");
        assertEquals(true, LiveLocals.typed(slots, 2, "Z"));
        assertEquals('{', LiveLocals.typed(slots, 3, "C"));
        assertEquals(123, LiveLocals.typed(slots, 3, "I"));
        assertEquals(123L, LiveLocals.typed(slots, 3, null), "no table: the raw slot");
        assertEquals("text", LiveLocals.typed(slots, 4, "Ljava/lang/String;"));
        assertEquals(2.5, LiveLocals.typed(slots, 5, "D"));
        Object dead = LiveLocals.typed(slots, 3, "[Ljava/util/List;");
        assertEquals("java.util.List[]", ((ValueCapture.Unavailable) dead).type(),
                "a reference the JVM gives as bits is a marker, never the bits");
    }

    @Test
    void unavailableValue_capture_isAMarker_andRedactedByName() {
        ValueCapture values = new ValueCapture(SnapshotSettings.defaults(java.nio.file.Path.of("unused")));
        ValueCapture.Unavailable dead = new ValueCapture.Unavailable("java.lang.String", "why");
        assertEquals(Map.of("$type", "java.lang.String", "$unavailable", "why"), values.value(dead));
        assertEquals(Map.of("$type", "java.lang.String", "$redacted", true),
                values.named(Map.of("apiToken", dead)).get("apiToken"));
    }

    @Test
    void classCompiledWithVariables_at_namesTheArgumentsInScope() {
        Map<Integer, String> names = new LocalNames().at(LocalNamesTest.class, "sample", "(ILjava/lang/String;)I", 0);
        assertEquals(Map.of(0, "count", 1, "label"), names, "total is not in scope yet at the first instruction");
    }

    @Test
    void laterIndex_at_includesTheLocalOnceAssigned() {
        Map<Integer, String> names = new LocalNames().at(LocalNamesTest.class, "sample", "(ILjava/lang/String;)I", 8);
        assertEquals("total", names.get(2), names.toString());
    }

    @Test
    void notAClassFile_parse_isEmpty() throws Exception {
        assertTrue(LocalNames.parse(new DataInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}))).isEmpty());
    }

    @Test
    void truncatedClassFile_parse_throws_soTheClassGetsNoNames() throws Exception {
        byte[] whole;
        try (InputStream in = LocalNamesTest.class.getResourceAsStream("LocalNamesTest.class")) {
            whole = in.readAllBytes();
        }
        assertThrows(EOFException.class, () -> LocalNames.parse(new DataInputStream(
                new ByteArrayInputStream(Arrays.copyOf(whole, whole.length / 2)))));
    }

    @Test
    void unknownMethod_at_isEmpty() {
        assertTrue(new LocalNames().at(LocalNamesTest.class, "nothing", "()V", 0).isEmpty());
    }
}
