package dev.telltale.core.internal.snapshot;

import static dev.telltale.core.internal.snapshot.Snapshotting.printed;
import static dev.telltale.core.internal.snapshot.Snapshotting.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restored throwable prints exactly what the original printed, character for character. */
class RestoreTest {

    @TempDir
    Path dir;

    private SnapshotSettings settings() {
        return SnapshotSettings.defaults(dir);
    }

    private static void level3() {
        throw new IllegalStateException("level 3");
    }

    private static void level2() {
        try {
            level3();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("level 2", e);
        }
    }

    private static RuntimeException nested() {
        try {
            try {
                level2();
            } catch (IllegalArgumentException e) {
                throw new UncheckedIOException("level 1", new IOException("io", e));
            }
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("unreachable");
    }

    @Test
    void nestedCauses_restored_printExactlyAsTheOriginal() throws Exception {
        RuntimeException original = nested();
        Throwable restored = roundTrip(original, settings());
        String expected = printed(original);
        assertTrue(expected.contains("Caused by: ") && expected.contains(" more"), expected);
        assertEquals(expected, printed(restored));
        assertEquals(original.toString(), restored.toString());
        assertEquals(original.getMessage(), restored.getMessage());
    }

    @Test
    void suppressedWithCauses_restored_printExactlyAsTheOriginal() throws Exception {
        RuntimeException original = new RuntimeException("main");
        RuntimeException closing = new IllegalStateException("close failed", nested());
        original.addSuppressed(closing);
        original.addSuppressed(new IOException("second"));
        closing.addSuppressed(new ArithmeticException("inner suppressed"));
        original.initCause(new IllegalArgumentException("the cause"));
        Throwable restored = roundTrip(original, settings());
        String expected = printed(original);
        assertTrue(expected.contains("\tSuppressed: ") && expected.contains("\t\tSuppressed: "), expected);
        assertEquals(expected, printed(restored));
        assertEquals(2, restored.getSuppressed().length);
    }

    @Test
    void causeCycle_restored_printsTheCircularReferenceAsTheOriginal() throws Exception {
        RuntimeException a = new RuntimeException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        Throwable restored = roundTrip(a, settings());
        String expected = printed(a);
        assertTrue(expected.contains("[CIRCULAR REFERENCE: java.lang.RuntimeException: a]"), expected);
        assertEquals(expected, printed(restored));
        assertSame(restored, restored.getCause().getCause());
    }

    @Test
    void sameThrowableSuppressedTwice_restored_printsAsTheOriginal() throws Exception {
        RuntimeException shared = new RuntimeException("shared");
        RuntimeException top = new RuntimeException("top", shared);
        top.addSuppressed(shared);
        assertEquals(printed(top), printed(roundTrip(top, settings())));
    }

    @Test
    void deepStackOverflow_restored_printsAsTheOriginal() throws Exception {
        StackOverflowError original = null;
        try {
            recurse(0);
        } catch (StackOverflowError e) {
            original = e;
        }
        assertNotNull(original);
        assertEquals(printed(original), printed(roundTrip(original, settings())));
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void exceptionClassAbsentWhenLoading_restored_printsItsNameMessageAndOwnToString() throws Exception {
        Path src = dir.resolve("src/absent/GoneException.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package absent;
                public class GoneException extends RuntimeException {
                    public GoneException(String message, Throwable cause) { super(message, cause); }
                    public static void fail(Throwable cause) { throw new GoneException("order 42 failed", cause); }
                    @Override public String toString() { return "GONE<" + getMessage() + ">"; }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), src.toString()).redirectErrorStream(true).start();
        String javacOut = new String(javac.getInputStream().readAllBytes());
        assertEquals(0, javac.waitFor(), javacOut);
        Throwable original;
        try (URLClassLoader loader = new URLClassLoader("plugins", new URL[] {classes.toUri().toURL()},
                RestoreTest.class.getClassLoader())) {
            Class<?> type = loader.loadClass("absent.GoneException");
            try {
                type.getMethod("fail", Throwable.class).invoke(null, new IllegalStateException("stock"));
                throw new AssertionError("fail() returned");
            } catch (InvocationTargetException e) {
                original = e; // the reflective frames too
            }
        }
        assertThrows(ClassNotFoundException.class, () -> Class.forName("absent.GoneException"));
        Throwable restored = roundTrip(original, settings());
        String expected = printed(original);
        assertTrue(expected.contains("Caused by: GONE<order 42 failed>"), expected);
        assertTrue(expected.contains("plugins//absent.GoneException.fail(GoneException.java:4)"), expected);
        assertEquals(expected, printed(restored));
        assertEquals("absent.GoneException", ((RestoredThrowable) restored.getCause()).className());
    }

    @Test
    void throwingToStringAndMessage_captured_restoredWithWhatPrintingCanShow() throws Exception {
        RuntimeException odd = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("no message today");
            }

            @Override
            public String toString() {
                throw new IllegalStateException("no text today");
            }
        };
        Throwable restored = roundTrip(odd, settings());
        assertEquals(odd.getClass().getName(), restored.toString());
        assertEquals(null, restored.getMessage());
    }
}
