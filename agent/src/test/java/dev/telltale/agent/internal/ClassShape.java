package dev.telltale.agent.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the rewriter contract compares between a class file before and after rewriting, read
 * with (unshaded, test-scope) ASM: the header, the members, each method's line numbers and local
 * variables (by name, type and slot, not by range, which moves with the code), and a digest of
 * the code.
 */
record ClassShape(String header, List<String> members, Set<String> lines, Set<String> locals, List<String> code) {

    static ClassShape of(byte[] classfile) {
        List<String> header = new ArrayList<>();
        List<String> members = new ArrayList<>();
        Set<String> lines = new TreeSet<>();
        Set<String> locals = new TreeSet<>();
        List<String> code = new ArrayList<>();
        new ClassReader(classfile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                header.add(version + " " + access + " " + name + " " + signature + " " + superName + " "
                        + Arrays.toString(interfaces));
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                    Object value) {
                members.add("field " + access + " " + name + descriptor + " " + signature + " " + value);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                String method = name + descriptor;
                members.add("method " + access + " " + method + " " + signature + " " + Arrays.toString(exceptions));
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLineNumber(int line, Label start) {
                        lines.add(method + " " + line);
                    }

                    @Override
                    public void visitLocalVariable(String local, String type, String signature, Label start,
                            Label end, int index) {
                        locals.add(method + " " + index + " " + local + " " + type);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String type,
                            boolean isInterface) {
                        code.add(method + " calls " + owner + "." + called);
                    }
                };
            }
        }, 0);
        return new ClassShape(String.join("", header), members, lines, locals, code);
    }
}
