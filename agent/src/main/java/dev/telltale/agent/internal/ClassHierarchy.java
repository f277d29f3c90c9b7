package dev.telltale.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Superclasses and interface-ness of classes, read from their class files through one class
 * loader's {@link ClassLoader#getResourceAsStream} (the platform loader's for the bootstrap
 * loader, and as a fallback): what stack-map computation needs, without loading a class (which,
 * inside a transformer, could recurse into the transformer or initialise what must not be).
 *
 * <p>One instance serves one rewrite, on one thread; it caches what it read.
 */
final class ClassHierarchy {

    /** A class file the loader does not have: stack maps cannot be computed safely. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Entry(String superName, boolean isInterface) {}

    private final ClassLoader loader;
    private final Map<String, Entry> known = new HashMap<>();

    ClassHierarchy(ClassLoader loader) {
        this.loader = loader;
    }

    /** Records the class being rewritten, whose bytes are at hand. */
    void know(ClassReader reader) {
        known.put(reader.getClassName(), new Entry(reader.getSuperName(), (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0));
    }

    /** The nearest common superclass of two internal names, as ASM's ClassWriter asks it. */
    String commonSuperClass(String type1, String type2) {
        if (type1.equals(type2)) {
            return type1;
        }
        if (type1.equals("java/lang/Object") || type2.equals("java/lang/Object")) {
            return "java/lang/Object";
        }
        if (entry(type1).isInterface || entry(type2).isInterface) {
            return "java/lang/Object";
        }
        List<String> chain = superChain(type1);
        Set<String> ancestors = new HashSet<>(chain);
        String t = type2;
        int steps = 0;
        while (t != null && steps++ < 1000) {
            if (ancestors.contains(t)) {
                return t;
            }
            t = entry(t).superName;
        }
        return "java/lang/Object";
    }

    private List<String> superChain(String type) {
        List<String> chain = new ArrayList<>();
        String t = type;
        while (t != null && chain.size() < 1000) {
            chain.add(t);
            t = entry(t).superName;
        }
        return chain;
    }

    private Entry entry(String internalName) {
        Entry e = known.get(internalName);
        if (e == null) {
            ClassReader r = new ClassReader(read(internalName));
            e = new Entry(r.getSuperName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0);
            known.put(internalName, e);
        }
        return e;
    }

    private byte[] read(String internalName) {
        String resource = internalName + ".class";
        try {
            InputStream in = loader != null ? loader.getResourceAsStream(resource) : null;
            if (in == null) {
                in = ClassLoader.getPlatformClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                throw new Unreadable("cannot read the class file of " + internalName.replace('/', '.') + " through "
                        + (loader == null ? "the bootstrap loader" : loader) + " to compute stack maps", null);
            }
            try (InputStream stream = in) {
                return stream.readAllBytes();
            }
        } catch (IOException e) {
            throw new Unreadable("cannot read the class file of " + internalName.replace('/', '.') + ": " + e, e);
        }
    }
}
