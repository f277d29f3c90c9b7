package dev.telltale.agent.internal;

import dev.telltale.core.internal.probe.Weaver;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Weaver} over {@link Instrumentation}: finds loaded classes by name and retransforms
 * them through the {@link WeavingTransformer}. What retransformation throws (a verifier error, an
 * unmodifiable class) and what the transformer could not rewrite come back as a message; the
 * class then stays as it was.
 */
final class AgentWeaver implements Weaver {

    private final Instrumentation inst;
    private final WeavingTransformer transformer;
    private final Rewriter rewriter;

    AgentWeaver(Instrumentation inst, WeavingTransformer transformer, Rewriter rewriter) {
        this.inst = inst;
        this.transformer = transformer;
        this.rewriter = rewriter;
    }

    @Override
    public String name() {
        return "agent (" + rewriter.name() + ")";
    }

    @Override
    public List<Class<?>> loaded(String binaryName) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(binaryName) && !c.isArray()) {
                found.add(c);
            }
        }
        return found;
    }

    @Override
    public boolean modifiable(Class<?> type) {
        return inst.isModifiableClass(type);
    }

    @Override
    public String retransform(Class<?> type) {
        try {
            transformer.takeError();
            transformer.readBridge(type.getModule());
            inst.retransformClasses(type);
            return transformer.takeError();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError)) {
                throw (VirtualMachineError) t;
            }
            transformer.takeError();
            return "retransforming " + type.getName() + " failed: " + t;
        }
    }
}
