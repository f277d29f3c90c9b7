package dev.telltale.agent.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The {@link Rewriter} on ASM, shaded into the agent jar (relocated to {@code
 * dev.telltale.agent.internal.asm}); serves JDK 17 to 23, and any JDK when asked to. Stack maps
 * are computed by ASM over a {@link ClassHierarchy} that reads class files through the defining
 * loader and never loads a class.
 *
 * <p>Two passes: the first reads each method's {@code max_locals} and checks the plan (so that a
 * class with nothing chosen costs one parse and is returned as null); the second rewrites, putting
 * the injected locals ({@code long start}, then for a full hook the {@code Object[] args}, then one
 * scratch slot for the result or the throwable) above the method's own.
 *
 * <p>Thread-safe and stateless.
 */
public final class AsmRewriter implements Rewriter {

    static final String HOOKS = "dev/telltale/agent/bridge/Hooks";
    private static final int API = Opcodes.ASM9;

    @Override
    public String name() {
        return "asm";
    }

    @Override
    public byte[] rewrite(byte[] classfile, ClassLoader loader, Plan plan) throws RewriteException {
        ClassReader reader;
        try {
            reader = new ClassReader(classfile);
        } catch (RuntimeException e) {
            throw new RewriteException("cannot read this class file with ASM: " + e, e);
        }
        String className = reader.getClassName().replace('/', '.');
        Map<String, Integer> maxLocals = new HashMap<>();
        List<String> chosen = new ArrayList<>();
        Survey survey = new Survey(className, plan, maxLocals, chosen);
        try {
            reader.accept(survey, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            throw new RewriteException(className + ": cannot read this class file with ASM: " + e, e);
        }
        if (survey.failure != null) {
            throw new RewriteException(survey.failure);
        }
        if (chosen.isEmpty()) {
            return null;
        }
        ClassHierarchy hierarchy = new ClassHierarchy(loader);
        hierarchy.know(reader);
        ClassWriter writer = new HierarchyWriter(hierarchy);
        try {
            reader.accept(new Weave(writer, plan, maxLocals), ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (ClassHierarchy.Unreadable e) {
            throw new RewriteException(className + ": " + String.join(", ", chosen) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RewriteException(className + ": cannot rewrite " + String.join(", ", chosen) + ": " + e, e);
        }
    }

    /** The first pass: which methods the plan chooses, whether it can have them, their max_locals. */
    private static final class Survey extends ClassVisitor {
        private final String className;
        private final Plan plan;
        private final Map<String, Integer> maxLocals;
        private final List<String> chosen;
        String failure;

        Survey(String className, Plan plan, Map<String, Integer> maxLocals, List<String> chosen) {
            super(API);
            this.className = className;
            this.plan = plan;
            this.maxLocals = maxLocals;
            this.chosen = chosen;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodHook hook = plan.hookFor(name, descriptor, access);
            if (hook == null) {
                return null;
            }
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                if (failure == null) {
                    failure = className + "#" + name + descriptor + " is "
                            + ((access & Opcodes.ACC_NATIVE) != 0 ? "native" : "abstract") + ": it has no body to rewrite";
                }
                return null;
            }
            if (name.equals("<clinit>")) {
                if (failure == null) {
                    failure = className + "#<clinit> is a class initializer: it cannot be rewritten once run";
                }
                return null;
            }
            chosen.add(name + descriptor);
            String key = name + descriptor;
            return new MethodVisitor(API) {
                @Override
                public void visitMaxs(int maxStack, int locals) {
                    maxLocals.put(key, locals);
                }
            };
        }
    }

    /** The second pass: rewrites the chosen methods. */
    private static final class Weave extends ClassVisitor {
        private final Plan plan;
        private final Map<String, Integer> maxLocals;
        private String owner;

        Weave(ClassVisitor next, Plan plan, Map<String, Integer> maxLocals) {
            super(API, next);
            this.plan = plan;
            this.maxLocals = maxLocals;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            Integer locals = maxLocals.get(name + descriptor);
            if (locals == null) {
                return mv;
            }
            MethodHook hook = plan.hookFor(name, descriptor, access);
            if (hook == null) {
                return mv;
            }
            return new HookedMethod(mv, owner, access, name, descriptor, hook, locals);
        }
    }

    /** A {@link ClassWriter} whose common-supertype question is answered from class files. */
    private static final class HierarchyWriter extends ClassWriter {
        private final ClassHierarchy hierarchy;

        HierarchyWriter(ClassHierarchy hierarchy) {
            super(ClassWriter.COMPUTE_FRAMES);
            this.hierarchy = hierarchy;
        }

        @Override
        protected String getCommonSuperClass(String type1, String type2) {
            return hierarchy.commonSuperClass(type1, type2);
        }

        @Override
        protected ClassLoader getClassLoader() {
            throw new IllegalStateException("the rewriter never loads classes");
        }
    }

    /**
     * One rewritten method. The entry hook goes at the start (in a constructor, after the
     * {@code super(...)}/{@code this(...)} call). Each return becomes a jump to an exit block of
     * its own, appended after the method's code: there it calls the exit hook and returns, so no
     * handler of the method covers a hook (their ranges end with the method's code), each block
     * has one predecessor whatever the operand stack holds, and it carries the line of the return
     * it replaces. One catch-all handler over the original body, after the exit blocks, calls the
     * fail hook and rethrows. The receiver is kept in a local of its own at entry, since the
     * method may reuse slot 0.
     */
    private static final class HookedMethod extends MethodVisitor {

        /** A return replaced by a jump: where it goes, what it returned, its line. */
        private record Exit(Label label, int opcode, int line) {}

        private final boolean isStatic;
        private final boolean constructor;
        private final Type[] params;
        private final Type returns;
        private final int site;
        private final boolean full;
        private final int start;
        private final int args;
        private final int self;
        private final int scratch;
        private final List<Exit> exits = new ArrayList<>();
        private Label bodyStart;
        private boolean entered;
        private int pendingNews;
        private int line;

        HookedMethod(MethodVisitor next, String owner, int access, String name, String descriptor, MethodHook hook,
                int maxLocals) {
            super(API, next);
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.constructor = name.equals("<init>");
            this.params = Type.getArgumentTypes(descriptor);
            this.returns = Type.getReturnType(descriptor);
            this.site = hook.site();
            this.full = hook.full();
            this.start = maxLocals; // a long: two slots
            this.args = maxLocals + 2;
            this.self = maxLocals + 3;
            this.scratch = full ? maxLocals + 4 : maxLocals + 2;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (!constructor) {
                enter();
            }
        }

        @Override
        public void visitLineNumber(int number, Label at) {
            line = number;
            super.visitLineNumber(number, at);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            super.visitTypeInsn(opcode, type);
            if (opcode == Opcodes.NEW && !entered) {
                pendingNews++;
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            if (constructor && !entered && opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
                if (pendingNews > 0) {
                    pendingNews--; // initialises an object made with NEW, not this
                } else {
                    enter(); // super(...) or this(...) has run
                }
            }
        }

        private void enter() {
            entered = true;
            push(site);
            if (full) {
                if (!isStatic) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ASTORE, self);
                }
                loadSelf();
                push(params.length);
                super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
                int slot = isStatic ? 0 : 1;
                for (int i = 0; i < params.length; i++) {
                    super.visitInsn(Opcodes.DUP);
                    push(i);
                    super.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), slot);
                    box(params[i]);
                    super.visitInsn(Opcodes.AASTORE);
                    slot += params[i].getSize();
                }
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.ASTORE, args);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enter", "(ILjava/lang/Object;[Ljava/lang/Object;)J", false);
            } else {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enterLean", "(I)J", false);
            }
            super.visitVarInsn(Opcodes.LSTORE, start);
            bodyStart = new Label();
            super.visitLabel(bodyStart);
        }

        @Override
        public void visitInsn(int opcode) {
            if (entered && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                Label exit = new Label();
                exits.add(new Exit(exit, opcode, line));
                super.visitJumpInsn(Opcodes.GOTO, exit);
                return;
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (entered) {
                Label bodyEnd = new Label();
                super.visitLabel(bodyEnd);
                for (Exit e : exits) {
                    super.visitLabel(e.label);
                    if (e.line > 0) {
                        super.visitLineNumber(e.line, e.label);
                    }
                    exitHook(e.opcode);
                    super.visitInsn(e.opcode);
                }
                if (bodyStart.getOffset() < bodyEnd.getOffset()) {
                    Label handler = new Label();
                    super.visitTryCatchBlock(bodyStart, bodyEnd, handler, "java/lang/Throwable");
                    super.visitLabel(handler);
                    super.visitVarInsn(Opcodes.ASTORE, scratch);
                    push(site);
                    super.visitVarInsn(Opcodes.LLOAD, start);
                    if (full) {
                        loadSavedSelf();
                        super.visitVarInsn(Opcodes.ALOAD, args);
                        super.visitVarInsn(Opcodes.ALOAD, scratch);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "fail",
                                "(IJLjava/lang/Object;[Ljava/lang/Object;Ljava/lang/Throwable;)V", false);
                    } else {
                        super.visitVarInsn(Opcodes.ALOAD, scratch);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "failLean", "(IJLjava/lang/Throwable;)V", false);
                    }
                    super.visitVarInsn(Opcodes.ALOAD, scratch);
                    super.visitInsn(Opcodes.ATHROW);
                }
            }
            super.visitMaxs(maxStack, maxLocals);
        }

        /** The exit hook, with the return value (if any) on the stack, which it leaves there. */
        private void exitHook(int opcode) {
            if (full) {
                if (opcode == Opcodes.RETURN) {
                    super.visitInsn(Opcodes.ACONST_NULL);
                } else {
                    super.visitInsn(returns.getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP);
                    box(returns);
                }
                super.visitVarInsn(Opcodes.ASTORE, scratch);
                push(site);
                super.visitVarInsn(Opcodes.LLOAD, start);
                loadSavedSelf();
                super.visitVarInsn(Opcodes.ALOAD, args);
                super.visitVarInsn(Opcodes.ALOAD, scratch);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "exit",
                        "(IJLjava/lang/Object;[Ljava/lang/Object;Ljava/lang/Object;)V", false);
            } else {
                push(site);
                super.visitVarInsn(Opcodes.LLOAD, start);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "exitLean", "(IJ)V", false);
            }
        }

        private void loadSelf() {
            if (isStatic) {
                super.visitInsn(Opcodes.ACONST_NULL);
            } else {
                super.visitVarInsn(Opcodes.ALOAD, 0);
            }
        }

        private void loadSavedSelf() {
            if (isStatic) {
                super.visitInsn(Opcodes.ACONST_NULL);
            } else {
                super.visitVarInsn(Opcodes.ALOAD, self);
            }
        }

        private void push(int value) {
            if (value >= -1 && value <= 5) {
                super.visitInsn(Opcodes.ICONST_0 + value);
            } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
                super.visitIntInsn(Opcodes.BIPUSH, value);
            } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                super.visitIntInsn(Opcodes.SIPUSH, value);
            } else {
                super.visitLdcInsn(value);
            }
        }

        private void box(Type t) {
            String wrapper;
            switch (t.getSort()) {
                case Type.BOOLEAN: wrapper = "java/lang/Boolean"; break;
                case Type.CHAR: wrapper = "java/lang/Character"; break;
                case Type.BYTE: wrapper = "java/lang/Byte"; break;
                case Type.SHORT: wrapper = "java/lang/Short"; break;
                case Type.INT: wrapper = "java/lang/Integer"; break;
                case Type.FLOAT: wrapper = "java/lang/Float"; break;
                case Type.LONG: wrapper = "java/lang/Long"; break;
                case Type.DOUBLE: wrapper = "java/lang/Double"; break;
                default: return;
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf", "(" + t.getDescriptor() + ")L" + wrapper + ";", false);
        }
    }
}
