package dev.telltale.agent.internal;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassHierarchyResolver.ClassHierarchyInfo;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Rewriter} of JDK 24+, built on {@code java.lang.classfile}: the JDK's own class-file
 * library, so this rewriter needs nothing outside the JDK. It produces exactly the shape {@link
 * Rewriter} describes (see {@link HookedCode} for how each method body is woven).
 *
 * <p>Stack maps: the code of a rewritten method is rebuilt and its frames computed afresh, which
 * needs to know the superclass of the types that meet where branches join. That comes from the
 * rewritten class itself and otherwise from the class files of the defining loader (and then of
 * the system loader) read as resources: no class is ever loaded, which matters inside a {@code
 * ClassFileTransformer}. Methods that are not rewritten are copied as they were, frames included.
 *
 * <p>Refused, with a {@link RewriteException} naming class and method: abstract and native methods
 * (no code); class initializers, as {@code AsmRewriter} refuses them (a loaded class's initializer
 * has run and never runs again); class files this JDK cannot read; code the hooks would push past
 * what a class file allows; and a method whose frames need a supertype whose class file neither
 * loader finds (a guess would pass here and fail verification later).
 *
 * <p>Thread-safe and stateless: one instance serves every class. The agent loads it reflectively
 * by name, on JDK 24+ only (the class is compiled with {@code --release 24}).
 */
public final class ClassFileRewriter implements Rewriter {

    /** For the agent, which creates it reflectively. */
    public ClassFileRewriter() {}

    @Override
    public String name() {
        return "classfile";
    }

    @Override
    public byte[] rewrite(byte[] classfile, ClassLoader loader, Plan plan) throws RewriteException {
        Objects.requireNonNull(classfile, "classfile == null");
        Objects.requireNonNull(plan, "plan == null");
        ClassModel model = parse(classfile);
        String className = model.thisClass().asInternalName().replace('/', '.');
        Map<String, MethodHook> chosen = choose(model, className, plan);
        if (chosen.isEmpty()) {
            return null;
        }
        List<String> unresolved = new ArrayList<>();
        ClassFile context = ClassFile.of(
                ClassFile.ClassHierarchyResolverOption.of(hierarchy(model, loader, unresolved)));
        try {
            return context.transformClass(model, (builder, element) -> {
                if (element instanceof MethodModel method
                        && chosen.get(idOf(method)) instanceof MethodHook hook) {
                    builder.transformMethod(
                            method, MethodTransform.transformingCode(new HookedCode(method, hook)));
                } else {
                    builder.with(element);
                }
            });
        } catch (RuntimeException e) {
            // the frames of every rewritten method are computed when the class is written, so a
            // failure there (an unresolvable supertype, code grown past 64 KiB) names them all
            throw new RewriteException("cannot rewrite " + className + "#"
                    + String.join(", ", chosen.keySet()) + ": " + why(e, unresolved, loader), e);
        }
    }

    private static String why(RuntimeException e, List<String> unresolved, ClassLoader loader) {
        if (unresolved.isEmpty()) {
            return String.valueOf(e.getMessage());
        }
        return "no class file for " + String.join(", ", unresolved) + " through "
                + (loader == null ? "the boot loader" : loader)
                + " or the system class loader, to compute stack maps (" + e.getMessage() + ")";
    }

    private static ClassModel parse(byte[] classfile) throws RewriteException {
        ClassModel model;
        try {
            model = ClassFile.of().parse(classfile);
        } catch (RuntimeException e) {
            throw new RewriteException("cannot read a class file of " + classfile.length + " bytes: "
                    + e.getMessage(), e);
        }
        if (model.majorVersion() > ClassFile.latestMajorVersion()) {
            throw new RewriteException("cannot rewrite " + model.thisClass().asInternalName().replace('/', '.')
                    + ": class file version " + model.majorVersion() + " is newer than this JDK reads ("
                    + ClassFile.latestMajorVersion() + ")");
        }
        return model;
    }

    /** The hooks the plan gives, by name and descriptor, in class-file order. */
    private static Map<String, MethodHook> choose(ClassModel model, String className, Plan plan)
            throws RewriteException {
        Map<String, MethodHook> chosen = new LinkedHashMap<>();
        try {
            for (MethodModel method : model.methods()) {
                MethodHook hook = plan.hookFor(method.methodName().stringValue(),
                        method.methodType().stringValue(), method.flags().flagsMask());
                if (hook == null) {
                    continue;
                }
                if (method.code().isEmpty()) {
                    String kind = method.flags().has(AccessFlag.NATIVE) ? "native" : "abstract";
                    throw new RewriteException("cannot rewrite " + className + "#" + idOf(method)
                            + ": it is " + kind + ", so it has no code to hook");
                }
                if (method.methodName().equalsString(ConstantDescs.CLASS_INIT_NAME)) {
                    // retransformation comes after it ran, and it never runs again; as AsmRewriter
                    throw new RewriteException("cannot rewrite " + className + "#" + idOf(method)
                            + ": a class initializer runs once, before any probe could see it rewritten");
                }
                chosen.put(idOf(method), hook);
            }
        } catch (RuntimeException e) {
            throw new RewriteException("cannot choose the methods of " + className + " to rewrite: " + e, e);
        }
        return chosen;
    }

    private static String idOf(MethodModel method) {
        return method.methodName().stringValue() + method.methodType().stringValue();
    }

    /**
     * The class itself, then the class files the defining loader finds, then the system loader's
     * (which reaches the JDK's own classes): parsed, never loaded. The JDK's default resolver is
     * not used because it loads classes through the system loader. What none of them finds is
     * noted in {@code unresolved}, for the message.
     */
    private static ClassHierarchyResolver hierarchy(
            ClassModel model, ClassLoader loader, List<String> unresolved) {
        ClassDesc self = model.thisClass().asSymbol();
        ClassHierarchyInfo info = model.flags().has(AccessFlag.INTERFACE)
                ? ClassHierarchyInfo.ofInterface()
                : ClassHierarchyInfo.ofClass(model.superclass().map(ClassEntry::asSymbol).orElse(null));
        ClassHierarchyResolver itself = desc -> desc.equals(self) ? info : null;
        ClassHierarchyResolver system =
                ClassHierarchyResolver.ofResourceParsing(ClassLoader.getSystemClassLoader());
        ClassHierarchyResolver files = loader == null
                ? system
                : ClassHierarchyResolver.ofResourceParsing(loader).orElse(system);
        ClassHierarchyResolver none = desc -> {
            String descriptor = desc.descriptorString(); // Lpkg/Name;
            unresolved.add(descriptor.substring(1, descriptor.length() - 1).replace('/', '.'));
            return null;
        };
        return itself.orElse(files).orElse(none).cached();
    }
}
