package dev.telltale.core.internal.probe;

import dev.telltale.probe.InstrumentFactory;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/** The probes of one engine. (Being written: the skeleton compiles, nothing works yet.) */
public final class ProbeRegistry implements Probes {

    @Override
    public <T> T proxy(Class<T> iface, T target) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public MethodHandle handle(String name, MethodHandle target) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Probe attach(Target target) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<Probe> probe(Target target) {
        return Optional.empty();
    }

    @Override
    public List<Probe> list() {
        return List.of();
    }

    @Override
    public void register(InstrumentFactory factory) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void detachAll() {}
}
