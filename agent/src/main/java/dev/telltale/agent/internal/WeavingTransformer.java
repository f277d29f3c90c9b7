package dev.telltale.agent.internal;

import dev.telltale.core.internal.probe.Weaving;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The agent's one transformer (retransform-capable): for a class that probes name ({@link
 * Weaving#targets}), rewrites the methods {@link Weaving#hook} gives hooks, and returns null
 * (the original bytes) when none has one. Every other class passes with one map lookup.
 *
 * <p>A class that cannot be rewritten keeps the bytes it had: while it loads, the original
 * (reported through {@link Weaving#failed}); when retransformed, the bytes last produced for it
 * (the failure is handed to {@link AgentWeaver#retransform}'s caller through {@link #takeError}).
 * Thread-safe; never throws.
 */
final class WeavingTransformer implements ClassFileTransformer {

    private final Instrumentation inst;
    private final Rewriter rewriter;
    private final Module bridge;
    private final ThreadLocal<String> error = new ThreadLocal<>();
    private final Map<Class<?>, byte[]> current = new WeakHashMap<>(); // guarded by itself

    WeavingTransformer(Instrumentation inst, Rewriter rewriter, Module bridge) {
        this.inst = inst;
        this.rewriter = rewriter;
        this.bridge = bridge;
    }

    /** The rewrite failure on this thread's last retransformation, or null; clears it. */
    String takeError() {
        String e = error.get();
        error.remove();
        return e;
    }

    /** Lets {@code module} read the bridge, so that its rewritten classes can call it. */
    void readBridge(Module module) {
        if (module != null && module.isNamed() && !module.canRead(bridge)) {
            inst.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] classfile) {
        if (className == null) {
            return null;
        }
        String binaryName = className.replace('/', '.');
        if (!Weaving.targets(binaryName)) {
            return null;
        }
        try {
            readBridge(module);
            byte[] out = rewriter.rewrite(classfile, loader, (name, descriptor, access) -> {
                int h = Weaving.hook(binaryName, loader, name, descriptor, access);
                return h < 0 ? null : new MethodHook(h >>> 1, (h & 1) != 0);
            });
            if (redefined != null) {
                synchronized (current) {
                    if (out == null) {
                        current.remove(redefined);
                    } else {
                        current.put(redefined, out);
                    }
                }
            }
            return out;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            String why = t instanceof RewriteException ? t.getMessage() : rewriter.name() + " rewriter failed on " + binaryName + ": " + t;
            if (redefined == null) {
                Weaving.failed(binaryName, loader, why);
                return null;
            }
            error.set(why);
            synchronized (current) {
                return current.get(redefined); // as it was
            }
        }
    }
}
