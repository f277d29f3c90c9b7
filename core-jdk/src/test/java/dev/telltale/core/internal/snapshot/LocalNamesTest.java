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
