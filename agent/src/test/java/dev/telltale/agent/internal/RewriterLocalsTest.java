package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.agent.internal.sample.Locals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The contract, on the method's own locals: a full hook stores null into each slot above the
 * parameters that the method stores a reference into, before the entry hook, so that the frame
 * of the catch-all handler (where the fail hook runs and the snapshot reads the locals) types
 * those slots as references; behaviour stays the same, and lean hooks get no such stores.
 */
class RewriterLocalsTest extends RewriterContract {

    @TempDir
    Path dir;

    @ForEachRewriter
    void fullHook_referencesFirstAssignedInTheBody_areTypedAtTheHandler(Subject rewriter) throws Throwable {
        Rewriter r = rewriter.get();
        byte[] out = r.rewrite(bytesOf(Locals.class), Locals.class.getClassLoader(), only("order", 41, true));
        Map<String, Object> atHandler = handlerLocals(out, "order");
        assertEquals("java/lang/String", atHandler.get("sku"), "sku at the handler: " + atHandler);
        assertTrue(atHandler.get("items") instanceof String, "items at the handler: " + atHandler);
        assertEquals(Opcodes.INTEGER, atHandler.get("quantity"), "a parameter keeps its type: " + atHandler);

        Class<?> c = new SampleLoader(Map.of(Locals.class.getName(), out)).loadClass(Locals.class.getName());
        assertEquals(2, call(c, null, "order", " a ", 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> call(c, null, "order", " b", 3));
        assertEquals("too many b: 3", e.getMessage());
        assertEquals(List.of("enter 41", "exit 41", "enter 41", "fail 41"), calls.briefs());
        assertSame(e, calls.calls().get(3).value());
    }

    @ForEachRewriter
    void leanHook_storesNoNull_soTheHandlerStillCannotTypeThem(Subject rewriter) throws Throwable {
        Rewriter r = rewriter.get();
        byte[] out = r.rewrite(bytesOf(Locals.class), Locals.class.getClassLoader(), only("order", 42, false));
        Map<String, Object> atHandler = handlerLocals(out, "order");
        assertEquals(Opcodes.TOP, atHandler.get("sku"), "lean hooks add nothing: " + atHandler);
        assertEquals(Opcodes.TOP, atHandler.get("items"), "lean hooks add nothing: " + atHandler);
        assertEquals(0, nullStores(out, "order"), "no aconst_null/astore in a lean hook's method");
    }

    @ForEachRewriter
    void slotReusedForStringIntLongAndObject_behavesAsBefore(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Locals.class, only("reused", 43, true));
        long expected = 3 + 7 + (1L << 40);
        assertEquals(expected, call(c, null, "reused", false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call(c, null, "reused", true));
        assertEquals("at " + expected, e.getMessage());
        assertEquals(List.of("enter 43", "exit 43", "enter 43", "fail 43"), calls.briefs());
        assertEquals(expected, calls.calls().get(1).value());
    }

    @ForEachRewriter
    void handlerInsideTheBody_itsExceptionLocalAndTheResult_behaveAsBefore(Subject rewriter) throws Throwable {
        Rewriter r = rewriter.get();
        byte[] out = r.rewrite(bytesOf(Locals.class), Locals.class.getClassLoader(), only("caught", 44, true));
        assertEquals("java/lang/String", handlerLocals(out, "caught").get("result"));
        Class<?> c = new SampleLoader(Map.of(Locals.class.getName(), out)).loadClass(Locals.class.getName());
        Object locals = c.getConstructor().newInstance();
        assertEquals("12", call(c, locals, "caught", "12"));
        assertEquals("bad: For input string: \"x\"", call(c, locals, "caught", "x"));
        assertEquals(List.of("enter 44", "exit 44", "enter 44", "exit 44"), calls.briefs());
        assertSame(locals, calls.calls().get(3).self());
    }

    @ForEachRewriter
    void constructor_fullHook_getsNoNullStores_andStillWorks(Subject rewriter) throws Throwable {
        byte[] out = rewriter.get().rewrite(bytesOf(Locals.class), Locals.class.getClassLoader(),
                (name, descriptor, access) -> name.equals("<init>") && descriptor.equals("(Ljava/lang/String;)V")
                        ? new MethodHook(46, true) : null);
        assertEquals(0, nullStores(out, "<init>"), "constructors are left without the stores");
        Class<?> c = new SampleLoader(Map.of(Locals.class.getName(), out)).loadClass(Locals.class.getName());
        Object made = c.getConstructor(String.class).newInstance(" ada ");
        assertEquals("ada", call(c, made, "name"));
        assertEquals(List.of("enter 46", "exit 46"), calls.briefs());
    }

    @ForEachRewriter
    void wideSlots_pastTwoHundredFiftyFive_areNulledAndTypedToo(Subject rewriter) throws Throwable {
        int count = 300;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            body.append("        String s").append(i).append(" = \"").append(i).append("\";\n");
        }
        String source = "package gen;\npublic class Wide {\n    public static int wide(int n) {\n" + body
                + "        int sum = 0;\n"
                + "        for (int i = 0; i < n; i++) { sum += s0.length() + s" + (count - 1) + ".length(); }\n"
                + "        if (n > 3) { throw new IllegalStateException(s" + (count - 1) + " + \"/\" + sum); }\n"
                + "        return sum;\n    }\n}\n";
        byte[] original = compile(dir, "17", Map.of("gen.Wide", source)).get("gen.Wide");
        byte[] out = rewriter.get().rewrite(original, getClass().getClassLoader(), only("wide", 45, true));
        Map<String, Object> atHandler = handlerLocals(out, "wide");
        assertEquals("java/lang/String", atHandler.get("s" + (count - 1)), "a slot past 255 (wide astore)");
        assertEquals(count, nullStores(out, "wide"), "one null store per reference local");

        Class<?> c = new SampleLoader(Map.of("gen.Wide", out)).loadClass("gen.Wide");
        assertEquals(8, call(c, null, "wide", 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> call(c, null, "wide", 4));
        assertEquals("299/16", e.getMessage());
        assertEquals(List.of("enter 45", "exit 45", "enter 45", "fail 45"), calls.briefs());
    }

    /**
     * The types of the named locals in the stack map frame at the method's last exception handler
     * (the injected catch-all, which both rewriters add after the method's own): a class name, or
     * an {@link Opcodes} constant such as {@code TOP} or {@code INTEGER}.
     */
    private static Map<String, Object> handlerLocals(byte[] classfile, String methodName) {
        Map<String, Integer> slots = new HashMap<>();
        List<Object> frame = new ArrayList<>();
        new ClassReader(classfile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.equals(methodName)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    private Label handler;
                    private Label current;

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handlerLabel, String type) {
                        handler = handlerLabel;
                    }

                    @Override
                    public void visitLabel(Label label) {
                        current = label;
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        current = null;
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        current = null;
                    }

                    @Override
                    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                        if (current != null && current == handler) {
                            frame.clear();
                            for (int i = 0; i < numLocal; i++) {
                                frame.add(local[i]);
                                if (local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE) {
                                    frame.add(Opcodes.TOP);
                                }
                            }
                        }
                    }

                    @Override
                    public void visitLocalVariable(String local, String type, String signature, Label start,
                            Label end, int index) {
                        slots.putIfAbsent(local, index);
                    }
                };
            }
        }, ClassReader.EXPAND_FRAMES);
        assertFalse(frame.isEmpty(), "no frame at the handler of " + methodName);
        Map<String, Object> named = new HashMap<>();
        slots.forEach((name, slot) -> named.put(name, slot < frame.size() ? frame.get(slot) : Opcodes.TOP));
        return named;
    }

    /**
     * How many {@code aconst_null} directly followed by {@code astore} the method (every method of
     * that name) has before its first call: where the entry stores go, ahead of the entry hook
     * (a constructor's first call is its {@code super(...)}/{@code this(...)}).
     */
    private static int nullStores(byte[] classfile, String methodName) {
        int[] count = {0};
        new ClassReader(classfile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.equals(methodName)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    private boolean afterNull;
                    private boolean called;

                    @Override
                    public void visitInsn(int opcode) {
                        afterNull = opcode == Opcodes.ACONST_NULL;
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        if (afterNull && !called && opcode == Opcodes.ASTORE) {
                            count[0]++;
                        }
                        afterNull = false;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                            boolean isInterface) {
                        afterNull = false;
                        called = true;
                    }
                };
            }
        }, 0);
        return count[0];
    }
}
