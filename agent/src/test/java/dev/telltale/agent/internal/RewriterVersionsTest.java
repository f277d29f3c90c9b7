package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract, on class files older than the running JDK's: compiled at test time with {@code
 * javac --release 8} (version 52, stack maps required), and the same bytes marked version 49
 * (no stack maps, old verifier). Each is either rewritten into a class that loads and runs with
 * its hooks, or refused with a {@link RewriteException} naming the class.
 */
class RewriterVersionsTest extends RewriterContract {

    private static final String NAME = "old.Legacy";
    private static final String SOURCE = """
            package old;

            public class Legacy {
                public static int sum(int n) {
                    int total = 0;
                    for (int i = 1; i <= n; i++) {
                        total += i;
                    }
                    return n < 0 ? -1 : total;
                }
            }
            """;

    @TempDir
    Path dir;

    private byte[] compileForJava8() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "this JVM has no javac (javax.tools)");
        Path source = dir.resolve("src/old/Legacy.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        Path out = Files.createDirectories(dir.resolve("classes"));
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, "--release", "8", "-Xlint:-options", "-g",
                "-d", out.toString(), source.toString());
        assertEquals(0, status, "javac --release 8: " + messages.toString(StandardCharsets.UTF_8));
        return Files.readAllBytes(out.resolve("old/Legacy.class"));
    }

    @ForEachRewriter
    void java8ClassFile_rewrittenRunsWithHooks_orIsRefusedClearly(Subject rewriter) throws Throwable {
        byte[] java8 = compileForJava8();
        assertEquals(52, majorVersion(java8));
        assertHandledOrRefused(rewriter.get(), java8, 52);
    }

    @ForEachRewriter
    void java5ClassFile_withoutStackMaps_rewrittenRunsWithHooks_orIsRefusedClearly(Subject rewriter)
            throws Throwable {
        byte[] java5 = compileForJava8();
        java5[6] = 0;
        java5[7] = 49; // the same code, as a Java 5 class: verified by type inference, frames ignored
        assertHandledOrRefused(rewriter.get(), java5, 49);
    }

    private void assertHandledOrRefused(Rewriter rewriter, byte[] in, int version) throws Throwable {
        byte[] out;
        try {
            out = rewriter.rewrite(in, null, only("sum", 50, true));
        } catch (RewriteException e) {
            assertTrue(e.getMessage().contains(NAME), "a refusal names the class: " + e.getMessage());
            return;
        }
        assertEquals(version, majorVersion(out), "the version stays");
        Class<?> c = new SampleLoader(Map.of(NAME, out)).loadClass(NAME);
        assertEquals(15, call(c, null, "sum", 5));
        assertEquals(-1, call(c, null, "sum", -3));
        assertEquals(List.of("enter 50", "exit 50", "enter 50", "exit 50"), calls.briefs());
        assertEquals(15, calls.calls().get(1).value());
    }

    private static int majorVersion(byte[] classfile) {
        return ((classfile[6] & 0xff) << 8) | (classfile[7] & 0xff);
    }
}
