package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.agent.internal.sample.Calc;
import dev.telltale.agent.internal.sample.Counted;
import dev.telltale.agent.internal.sample.Flow;
import dev.telltale.agent.internal.sample.Named;
import dev.telltale.agent.internal.sample.Reversed;
import dev.telltale.agent.internal.sample.Unhookable;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract, on the class file: what changes is code only, the verifier accepts it, stack
 * traces and debug tables are as before, supertypes are read as files and never loaded, and what
 * cannot be rewritten is refused with a message naming class and method.
 */
class RewriterClassFileTest extends RewriterContract {

    private static final Rewriter.Plan EVERYTHING = (name, descriptor, access) -> new MethodHook(40, true);

    @ForEachRewriter
    void everyMethodOfEverySample_passesTheVerifierWhenLinked(Subject rewriter) throws Exception {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String off : List.of("-Xverify:none", "-noverify", "-XX:-BytecodeVerificationRemote")) {
            assertFalse(arguments.contains(off), "this JVM must verify classes; it runs with " + off);
        }
        for (Class<?> sample : List.of(Calc.class, Flow.class, Named.class, Counted.class, Reversed.class)) {
            for (boolean full : new boolean[] {true, false}) {
                byte[] out = rewriter.get().rewrite(bytesOf(sample), sample.getClassLoader(),
                        (name, descriptor, access) -> new MethodHook(41, full));
                // initializing links the class, and linking verifies every method in it
                Class<?> c = Class.forName(sample.getName(), true, new SampleLoader(Map.of(sample.getName(), out)));
                assertEquals(sample.getName(), c.getName());
            }
        }
    }

    @ForEachRewriter
    void rewrite_changesCodeOnly_noMemberAddedAndSignaturesKept(Subject rewriter) throws Exception {
        for (Class<?> sample : List.of(Calc.class, Flow.class, Counted.class)) {
            byte[] in = bytesOf(sample);
            byte[] out = rewriter.get().rewrite(in, sample.getClassLoader(), EVERYTHING);
            ClassShape before = ClassShape.of(in);
            ClassShape after = ClassShape.of(out);
            assertEquals(before.header(), after.header(), "version, access, name, supertypes");
            assertEquals(before.members(), after.members(), "fields and methods");
            assertNotEquals(before.code(), after.code(), "the code did change");
        }
    }

    @ForEachRewriter
    void rewrite_keepsLineNumbersAndLocalVariableTables(Subject rewriter) throws Exception {
        byte[] in = bytesOf(Flow.class);
        ClassShape before = ClassShape.of(in);
        ClassShape after = ClassShape.of(rewriter.get().rewrite(in, Flow.class.getClassLoader(), EVERYTHING));
        assertFalse(before.lines().isEmpty(), "the samples are compiled with line numbers");
        assertEquals(before.lines(), after.lines());
        assertEquals(before.locals(), after.locals());
    }

    @ForEachRewriter
    void stackTraceThroughRewrittenMethods_showsTheSameLines(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, only("boom", 42, true));
        Throwable original = assertThrows(IllegalStateException.class, () -> Flow.boom(2));
        Throwable rewritten = assertThrows(IllegalStateException.class, () -> call(c, null, "boom", 2));
        List<String> expected = framesOf(original, Flow.class.getName());
        assertEquals(3, expected.size(), "boom(2) recurses twice: " + expected);
        assertEquals(expected, framesOf(rewritten, Flow.class.getName()));
        assertEquals(List.of("enter 42", "enter 42", "enter 42", "fail 42", "fail 42", "fail 42"), calls.briefs());
    }

    private static List<String> framesOf(Throwable t, String className) {
        return Arrays.stream(t.getStackTrace())
                .filter(frame -> frame.getClassName().equals(className))
                .map(frame -> frame.getMethodName() + ":" + frame.getLineNumber())
                .toList();
    }

    @ForEachRewriter
    void name_isTheShortNameThatSettingsAndMessagesUse(Subject rewriter) {
        assertEquals(rewriter.toString(), rewriter.get().name());
    }

    @ForEachRewriter
    void planChoosingNothing_returnsNull(Subject rewriter) throws Exception {
        assertNull(rewriter.get().rewrite(bytesOf(Calc.class), Calc.class.getClassLoader(), (n, d, a) -> null));
        assertNull(rewriter.get().rewrite(bytesOf(Unhookable.class), null, (n, d, a) -> null),
                "nothing chosen: abstract and native methods are no reason to refuse");
    }

    @ForEachRewriter
    void abstractOrNativeMethodChosen_isRefusedNamingClassAndMethod(Subject rewriter) {
        Rewriter r = rewriter.get();
        for (String method : List.of("noBody", "nativeBody")) {
            RewriteException e = assertThrows(RewriteException.class, () -> r.rewrite(
                    bytesOf(Unhookable.class), Unhookable.class.getClassLoader(), only(method, 43, false)));
            assertTrue(e.getMessage().contains(Unhookable.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains(method), e.getMessage());
        }
    }

    @ForEachRewriter
    void garbageOrTruncatedBytes_areRefusedWithARewriteException(Subject rewriter) {
        Rewriter r = rewriter.get();
        byte[] calc = bytesOf(Calc.class);
        List<byte[]> bad = List.of(new byte[0], "not a class file at all".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Arrays.copyOf(calc, 40), Arrays.copyOf(calc, calc.length / 2));
        for (byte[] bytes : bad) {
            RewriteException e = assertThrows(RewriteException.class,
                    () -> r.rewrite(bytes, null, EVERYTHING), bytes.length + " bytes");
            assertFalse(e.getMessage().isBlank());
        }
    }

    @ForEachRewriter
    void supertypesNeededForStackMaps_areReadAsClassFiles_neverLoaded(Subject rewriter) throws Throwable {
        ResourceOnlyLoader loader = new ResourceOnlyLoader();
        byte[] out = rewriter.get().rewrite(bytesOf(Named.class), loader, only("pick", 44, true));
        assertEquals(List.of(), loader.loaded, "the rewriter loaded classes through the defining loader");
        assertTrue(loader.read.containsAll(Set.of(
                        "dev/telltale/agent/internal/sample/Counted.class",
                        "dev/telltale/agent/internal/sample/Reversed.class")),
                "where Counted and Reversed meet, their superclass comes from their class files: " + loader.read);
        Class<?> c = new SampleLoader(Map.of(Named.class.getName(), out)).loadClass(Named.class.getName());
        assertEquals("counted1", call(c, null, "pick", true));
        assertEquals("ba", call(c, null, "pick", false));
    }

    /** A loader that serves class files as resources and records reads; loading a class through it fails. */
    private static final class ResourceOnlyLoader extends ClassLoader {
        final List<String> loaded = Collections.synchronizedList(new ArrayList<>());
        final List<String> read = Collections.synchronizedList(new ArrayList<>());

        ResourceOnlyLoader() {
            super("resource-only", RewriterContract.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loaded.add(name);
            throw new ClassNotFoundException(name + ": the rewriter must not load classes");
        }

        @Override
        public URL getResource(String name) {
            read.add(name);
            return super.getResource(name);
        }
    }
}
