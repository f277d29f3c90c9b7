package dev.telltale.core.internal.probe;

import java.util.List;

/**
 * What the core asks of the Telltale agent ({@code telltale-agent}), which implements it and
 * registers it with {@link Weaving#install}: find loaded classes by name and rewrite one class's
 * methods so that they call the probe points {@link Weaving} hands out (or restore them).
 *
 * <p>Called by probe registries outside their lock (the transformer's questions to {@link
 * Weaving#hook} take it briefly), never on a probed call; a registry retransforms one class from
 * one thread at a time, different classes from several. Implementations are thread-safe and never
 * throw: a failure is returned as a message.
 */
public interface Weaver {

    /** A short name for messages and events, e.g. {@code "agent (asm)"}. */
    String name();

    /** The classes loaded now whose binary name is {@code binaryName}, in any class loader. */
    List<Class<?>> loaded(String binaryName);

    /** Whether the JVM lets {@code type} be retransformed. */
    boolean modifiable(Class<?> type);

    /**
     * Retransforms {@code type}: each of its methods gets the hook {@link Weaving#hook} gives for
     * it now (no hook at all gives back the class's original bytes). Blocks until done.
     *
     * @return null on success, else why it failed (the class then stays as it was)
     */
    String retransform(Class<?> type);
}
