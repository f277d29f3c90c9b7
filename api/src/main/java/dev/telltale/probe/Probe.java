package dev.telltale.probe;

import java.util.List;

/**
 * A probe on one {@link Target}: named instruments that fire on calls of the target, each with a
 * lifespan. Get one from {@link Probes#attach}; several instruments share one probe per target.
 *
 * <p>A probe runs from the moment it is attached; {@link #stop()} pauses every instrument (their
 * lifespans keep running) and {@link #start()} resumes them. When the last instrument is removed,
 * expires or fails, the probe detaches itself and publishes {@code probe.detached}; a detached
 * probe's call sites cost about nothing again. Thread-safe; no method blocks on the target's
 * calls.
 */
public interface Probe {

    /** A short id, unique in the process, used in the probe's events. */
    String id();

    /** What the probe is attached to. */
    Target target();

    /**
     * Adds an instrument made from {@code spec}: a built-in type, or a custom type registered
     * with {@link Probes#register} or found through {@link java.util.ServiceLoader}. Its lifespan
     * starts now.
     *
     * @return this probe
     * @throws IllegalArgumentException if the probe has an instrument of that name, the type is
     *     unknown, or an expression does not parse (the message names the column)
     * @throws IllegalStateException if the probe is detached
     */
    Probe add(InstrumentSpec spec);

    /**
     * Adds {@code instrument} under {@code spec}'s name, event, condition, limits and lifespan
     * ({@code spec}'s type is only reported).
     *
     * @return this probe
     * @throws IllegalArgumentException as {@link #add(InstrumentSpec)}
     * @throws IllegalStateException if the probe is detached
     */
    Probe add(InstrumentSpec spec, Instrument instrument);

    /** Removes the instrument named {@code name}; returns whether there was one. */
    boolean remove(String name);

    /** Resumes every instrument after {@link #stop()}. */
    void start();

    /** Pauses every instrument; hits are not recorded or counted until {@link #start()}. */
    void stop();

    /** Whether the probe is attached and not stopped. */
    boolean running();

    /** Whether the probe is still attached. */
    boolean attached();

    /** The status of every instrument it holds and of those that left it. */
    List<InstrumentStatus> instruments();

    /** Removes every instrument and detaches. Idempotent. */
    void detach();
}
