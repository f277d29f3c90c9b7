package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract, on class file versions, with classes compiled at test time: older than the
 * running JDK's ({@code javac --release 8}, version 52, stack maps required; the same bytes
 * marked version 49, no stack maps, old verifier), each either rewritten into a class that loads
 * and runs with its hooks or refused with a {@link RewriteException} naming the class; and on JDK
 * 25, a constructor with statements before its {@code super(...)}.
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
        return compile(dir, "8", Map.of(NAME, SOURCE)).get(NAME);
    }

    private static final String FLEXIBLE = """
            package flex;

            import dev.telltale.agent.internal.sample.Named;
            import java.util.ArrayList;
            import java.util.List;

            public class Checked extends Named {
                public Checked(int n) {
                    if (n < 0) {
                        throw new IllegalArgumentException("n < 0: " + n);
                    }
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        parts.add("p" + i);
                    }
                    super(String.join("-", parts));
                }
            }
            """;

    @ForEachRewriter
    void flexibleConstructorBody_jdk25_hookedAfterSuper_notAroundTheCodeBeforeIt(Subject rewriter) throws Throwable {
        Rewriter r = rewriter.get();
        int jdk = Runtime.version().feature();
        assumeTrue(jdk >= 25, "statements before super(...) are Java 25; this JVM is JDK " + jdk);
        byte[] in = compile(dir, "25", Map.of("flex.Checked", FLEXIBLE)).get("flex.Checked");
        byte[] out = r.rewrite(in, null, only("<init>", 51, true));
        Class<?> c = new SampleLoader(Map.of("flex.Checked", out)).loadClass("flex.Checked");
        Object checked = c.getConstructor(int.class).newInstance(3);
        assertEquals("p0-p1-p2", checked.toString());
        assertEquals(List.of("enter 51", "exit 51"), calls.briefs());
        assertEquals("p0-p1-p2", calls.calls().get(0).selfText(), "the enter hook runs after super(...)");
        calls.clear();
        java.lang.reflect.InvocationTargetException e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> c.getConstructor(int.class).newInstance(-1));
        assertEquals("n < 0: -1", e.getCause().getMessage());
        assertEquals(List.of(), calls.briefs(), "what throws before super(...) is outside the hooks");
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
