package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The contract, on bytecode javac does not emit but the JVM accepts (other compilers, other
 * agents): a handler of the target that covers a return, a method that reuses the receiver's
 * slot. Made at test time with (test-scope) ASM.
 */
class RewriterForeignCodeTest extends RewriterContract {

    private static final String NAME = "gen.Foreign";

    /**
     * {@code static int covered(int x)}: {@code return check(x)} inside a handler for
     * RuntimeException that also covers the {@code ireturn} and returns -1; {@code check} throws
     * for negative x. {@code int forgetful()}: stores null over {@code this}, returns 5.
     */
    private static byte[] foreign() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Foreign", null, "java/lang/Object", null);

        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor check = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "check", "(I)I", null, null);
        check.visitCode();
        Label fine = new Label();
        check.visitVarInsn(Opcodes.ILOAD, 0);
        check.visitJumpInsn(Opcodes.IFGE, fine);
        check.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalArgumentException");
        check.visitInsn(Opcodes.DUP);
        check.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalArgumentException", "<init>", "()V", false);
        check.visitInsn(Opcodes.ATHROW);
        check.visitLabel(fine);
        check.visitVarInsn(Opcodes.ILOAD, 0);
        check.visitInsn(Opcodes.IRETURN);
        check.visitMaxs(0, 0);
        check.visitEnd();

        MethodVisitor covered = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "covered", "(I)I", null, null);
        covered.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        covered.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        covered.visitLabel(start);
        covered.visitVarInsn(Opcodes.ILOAD, 0);
        covered.visitMethodInsn(Opcodes.INVOKESTATIC, "gen/Foreign", "check", "(I)I", false);
        covered.visitInsn(Opcodes.IRETURN);
        covered.visitLabel(end);
        covered.visitLabel(handler);
        covered.visitInsn(Opcodes.POP);
        covered.visitInsn(Opcodes.ICONST_M1);
        covered.visitInsn(Opcodes.IRETURN);
        covered.visitMaxs(0, 0);
        covered.visitEnd();

        MethodVisitor forgetful = writer.visitMethod(Opcodes.ACC_PUBLIC, "forgetful", "()I", null, null);
        forgetful.visitCode();
        forgetful.visitInsn(Opcodes.ACONST_NULL);
        forgetful.visitVarInsn(Opcodes.ASTORE, 0);
        forgetful.visitInsn(Opcodes.ICONST_5);
        forgetful.visitInsn(Opcodes.IRETURN);
        forgetful.visitMaxs(0, 0);
        forgetful.visitEnd();

        writer.visitEnd();
        return writer.toByteArray();
    }

    private Class<?> rewrittenForeign(Subject rewriter, String method, boolean full) throws Exception {
        byte[] out = rewriter.get().rewrite(foreign(), null, only(method, 80, full));
        return new SampleLoader(Map.of(NAME, out)).loadClass(NAME);
    }

    @ForEachRewriter
    void targetHandlerCoveringAReturn_stillCatchesWhatTheBodyThrows(Subject rewriter) throws Throwable {
        Class<?> c = rewrittenForeign(rewriter, "covered", true);
        assertEquals(4, call(c, null, "covered", 4));
        assertEquals(-1, call(c, null, "covered", -4));
        assertEquals(List.of("enter 80", "exit 80", "enter 80", "exit 80"), calls.briefs());
        assertEquals(List.of(4, -1), List.of(calls.calls().get(1).value(), calls.calls().get(3).value()));
    }

    @ForEachRewriter
    void targetHandlerCoveringAReturn_doesNotCatchWhatTheExitHookThrows(Subject rewriter) throws Throwable {
        Class<?> c = rewrittenForeign(rewriter, "covered", false);
        IllegalStateException fromHook = new IllegalStateException("breakpoint");
        calls.throwOnce("exitLean", fromHook);
        assertSame(fromHook, assertThrows(IllegalStateException.class, () -> call(c, null, "covered", 4)),
                "the target's handler for RuntimeException swallowed the hook's exception");
        assertEquals(List.of("enterLean 80", "exitLean 80"), calls.briefs());
    }

    @ForEachRewriter
    void methodThatOverwritesThis_hooksStillSeeTheReceiver(Subject rewriter) throws Throwable {
        Class<?> c = rewrittenForeign(rewriter, "forgetful", true);
        Object receiver = c.getConstructor().newInstance();
        assertEquals(5, call(c, receiver, "forgetful"));
        assertEquals(List.of("enter 80", "exit 80"), calls.briefs());
        assertSame(receiver, calls.calls().get(0).self());
        assertSame(receiver, calls.calls().get(1).self(), "exit's self is the receiver, not what slot 0 holds now");
    }
}
