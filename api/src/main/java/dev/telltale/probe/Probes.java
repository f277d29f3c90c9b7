package dev.telltale.probe;

import dev.telltale.Telltale;
import dev.telltale.internal.Engines;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * The probes of one pipeline: makes probe points (a {@link #proxy} of an interface, an
 * instrumented {@link #handle}), attaches {@link Probe}s to them and lists them. Probe events
 * ({@code probe.*}, see {@code docs/EVENTS.md}) go through that pipeline, to JFR and the backend.
 *
 * <p><b>Promises.</b> Thread-safe. A probe point with no active instrument costs about nothing
 * (a handle: a {@link java.lang.invoke.MutableCallSite} pointing at the original; a proxy: one
 * volatile read). An instrument's error never reaches the target. Closing the pipeline detaches
 * every probe and ends every {@link Breakpoint} made on these probes, waiting (10 seconds at most)
 * for the threads they started ({@link Breakpoint#startThread}) to end. Without {@code telltale-core}, or with {@code telltale.enabled=false}, probe points
 * are the targets themselves and attaching fails with {@link IllegalStateException}.
 */
public interface Probes {

    /** The probes of {@code telltale}. */
    static Probes of(Telltale telltale) {
        return Engines.of(telltale).probes();
    }

    /**
     * A proxy implementing {@code iface} that calls {@code target}; its calls are probe points for
     * targets {@code iface#method}. Default methods and {@code Object}'s {@code equals}, {@code
     * hashCode} and {@code toString} go to {@code target} too; exceptions from {@code target}
     * reach the caller unchanged.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code iface} is not an interface
     */
    <T> T proxy(Class<T> iface, T target);

    /**
     * A handle of {@code target}'s type that calls it and is the probe point for {@link
     * Target#handle(String) handle:name}; a varargs collector if {@code target} is one. Its
     * receiver, if any, is its first argument ({@code args[0]}). Make it once and keep it (in a {@code static final}
     * field it is inlined). One name, one handle.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a handle of that name exists already in this pipeline, or
     *     the name is one {@link Target#handle(String)} refuses
     */
    MethodHandle handle(String name, MethodHandle target);

    /**
     * The probe on {@code target}, attached now unless it is already.
     *
     * @throws IllegalArgumentException if nothing serves the target: no proxy of its interface
     *     and no handle of its name exists in this pipeline; a method of a class needs the agent,
     *     and the message says so
     * @throws IllegalStateException if probes are unavailable (see above) or the pipeline is closed
     */
    Probe attach(Target target);

    /**
     * {@link #attach(Target)} with the target's text.
     *
     * @throws IllegalArgumentException if the text is no target, or as {@link #attach(Target)}
     */
    default Probe attach(String target) {
        return attach(Target.parse(target));
    }

    /** The attached probe on {@code target}, if any. */
    Optional<Probe> probe(Target target);

    /** The attached probes. */
    List<Probe> list();

    /**
     * Makes {@code factory}'s type available to specs.
     *
     * @throws IllegalArgumentException if the type is built in or registered already
     */
    void register(InstrumentFactory factory);

    /** Detaches every probe. */
    void detachAll();
}
