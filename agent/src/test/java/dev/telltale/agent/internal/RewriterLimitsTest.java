package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.agent.internal.sample.Calc;
import dev.telltale.agent.internal.sample.Counted;
import dev.telltale.agent.internal.sample.Flow;
import dev.telltale.agent.internal.sample.Named;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The contract, at the edges: code that would outgrow 64 KiB, supertypes no loader can show, the
 * same input twice, many threads at once.
 */
class RewriterLimitsTest extends RewriterContract {

    private static final Rewriter.Plan EVERYTHING = (name, descriptor, access) -> new MethodHook(70, true);

    /** A class whose method {@code big(I)I} has {@code bytes} bytes of straight code (made with test-scope ASM). */
    private static byte[] classWithCodeOf(int bytes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "gen/Big", null, "java/lang/Object", null);
        MethodVisitor big = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "big", "(I)I", null, null);
        big.visitCode();
        for (int i = 0; i < (bytes - 2) / 3; i++) {
            big.visitIincInsn(0, 1); // 3 bytes each
        }
        big.visitVarInsn(Opcodes.ILOAD, 0);
        big.visitInsn(Opcodes.IRETURN);
        big.visitMaxs(0, 0);
        big.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    @ForEachRewriter
    void codeThatWouldOutgrow64KiB_isRefusedNamingClassAndMethod(Subject rewriter) throws Throwable {
        Rewriter r = rewriter.get();
        byte[] small = classWithCodeOf(3000);
        Class<?> c = new SampleLoader(Map.of("gen.Big", r.rewrite(small, null, EVERYTHING)))
                .loadClass("gen.Big");
        assertEquals(1000, call(c, null, "big", 1), "the same shape, small, is rewritten and runs");

        byte[] large = classWithCodeOf(65_500);
        RewriteException e = assertThrows(RewriteException.class, () -> r.rewrite(large, null, EVERYTHING));
        assertTrue(e.getMessage().contains("gen.Big"), e.getMessage());
        assertTrue(e.getMessage().contains("big"), e.getMessage());
    }

    @TempDir
    Path dir;

    private static final Map<String, String> HIDDEN = Map.of(
            "hidden.Base", "package hidden; public class Base { public String name() { return \"base\"; } }",
            "hidden.A", "package hidden; public class A extends Base { public String name() { return \"a\"; } }",
            "hidden.B", "package hidden; public class B extends Base { public String name() { return \"b\"; } }",
            "hidden.Join", """
                    package hidden;
                    public class Join {
                        public static String pick(boolean first) {
                            Base x = first ? new A() : new B();
                            return x.name();
                        }
                    }
                    """);

    @ForEachRewriter
    void supertypesNoLoaderShows_refusedNamingClassAndMethod_orRewrittenRight(Subject rewriter) throws Throwable {
        Rewriter r = rewriter.get();
        Map<String, byte[]> classes = compile(dir, "17", HIDDEN);
        ClassLoader blind = new ClassLoader("blind", null) {}; // shows the JDK's class files only
        byte[] out;
        try {
            out = r.rewrite(classes.get("hidden.Join"), blind, only("pick", 72, true));
        } catch (RewriteException e) {
            // where A and B meet, the frame needs their superclass; no file says what it is
            assertTrue(e.getMessage().contains("hidden.Join") && e.getMessage().contains("pick"), e.getMessage());
            assertTrue(e.getMessage().contains("hidden.A") || e.getMessage().contains("hidden.B"),
                    "names a class file it could not find: " + e.getMessage());
            return;
        }
        Map<String, byte[]> defined = new HashMap<>(classes);
        defined.put("hidden.Join", out);
        Class<?> c = new SampleLoader(defined).loadClass("hidden.Join");
        assertEquals("a", call(c, null, "pick", true));
        assertEquals("b", call(c, null, "pick", false));
        assertEquals(List.of("enter 72", "exit 72", "enter 72", "exit 72"), calls.briefs());
    }

    @ForEachRewriter
    void sameInputTwice_givesTheSameBytes(Subject rewriter) throws Exception {
        Rewriter r = rewriter.get();
        byte[] in = bytesOf(Flow.class);
        assertArrayEquals(r.rewrite(in, Flow.class.getClassLoader(), EVERYTHING),
                r.rewrite(in, Flow.class.getClassLoader(), EVERYTHING));
    }

    @ForEachRewriter
    void oneInstanceOnManyThreads_givesWhatItGivesOnOne(Subject rewriter) throws Exception {
        Rewriter r = rewriter.get();
        List<Class<?>> samples = List.of(Calc.class, Flow.class, Named.class, Counted.class);
        List<byte[]> expected = new ArrayList<>();
        for (Class<?> sample : samples) {
            expected.add(r.rewrite(bytesOf(sample), sample.getClassLoader(), EVERYTHING));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int round = 0; round < 25; round++) {
                for (Class<?> sample : samples) {
                    results.add(pool.submit(() -> r.rewrite(bytesOf(sample), sample.getClassLoader(), EVERYTHING)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % samples.size()), results.get(i).get(30, TimeUnit.SECONDS),
                        samples.get(i % samples.size()).getName());
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
