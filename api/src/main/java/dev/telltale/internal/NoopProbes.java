package dev.telltale.internal;

import dev.telltale.probe.InstrumentFactory;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The probes of a pipeline that discards everything: probe points are their targets, attaching fails. */
final class NoopProbes implements Probes {

    static final NoopProbes INSTANCE = new NoopProbes();

    private NoopProbes() {}

    @Override
    public <T> T proxy(Class<T> iface, T target) {
        Objects.requireNonNull(iface, "iface == null");
        Objects.requireNonNull(target, "target == null");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        return target;
    }

    @Override
    public MethodHandle handle(String name, MethodHandle target) {
        Target.handle(name); // the same checks of the name as a working pipeline's
        return Objects.requireNonNull(target, "target == null");
    }

    @Override
    public Probe attach(Target target) {
        Objects.requireNonNull(target, "target == null");
        throw new IllegalStateException("cannot attach a probe to " + target
                + ": this pipeline discards everything (telltale-core is missing or telltale.enabled=false)");
    }

    @Override
    public Optional<Probe> probe(Target target) {
        Objects.requireNonNull(target, "target == null");
        return Optional.empty();
    }

    @Override
    public List<Probe> list() {
        return List.of();
    }

    @Override
    public void register(InstrumentFactory factory) {
        Objects.requireNonNull(factory, "factory == null");
    }

    @Override
    public void detachAll() {}
}
