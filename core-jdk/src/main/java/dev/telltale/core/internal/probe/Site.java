package dev.telltale.core.internal.probe;

import dev.telltale.internal.ThrowToTarget;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Target;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * One probe point: one method of a proxied interface, one instrumented handle, or (with the agent)
 * one rewritten method. Every kind calls the same three methods around the target: {@link
 * #enter}, then {@link #exit} or {@link #fail} (a handle's lean combinator their lean forms, which
 * take no arguments or result). What fires is one immutable {@link Arming}, read with one
 * volatile load and replaced under the registry's lock when instruments come and go. When no
 * armed instrument needs a frame (mode {@link Mode#LEAN}) a hit goes through {@link
 * Armed#fireLean}, which for a counter or a timer is one check, the count and the record.
 */
final class Site {

    /** How much a probe point has to capture for what is armed. */
    enum Mode {
        /** Nothing armed: call the target directly. */
        OFF,
        /** Only instruments that need no arguments, receiver or result (counters, timers). */
        LEAN,
        /** Some instrument reads the call. */
        FULL
    }

    /** The instruments armed at a site, by event. */
    record Arming(Armed[] call, Armed[] returns, Armed[] exceptions, boolean timed, Mode mode) {
        static final Arming OFF = new Arming(new Armed[0], new Armed[0], new Armed[0], false, Mode.OFF);
    }

    private final Target target;
    private final String[] parameterNames;
    final List<ProbeImpl> probes = new ArrayList<>(); // guarded by the registry's lock
    private volatile Arming arming = Arming.OFF;
    private final Runnable onModeChange;

    /**
     * @param target the concrete target (with descriptor for a method)
     * @param method the method or constructor for parameter names, or null
     * @param onModeChange told when the mode changes (a handle swaps its call site's target, the
     *     agent rewrites the method's class)
     */
    Site(Target target, Executable method, Runnable onModeChange) {
        this.target = target;
        this.parameterNames = names(method);
        this.onModeChange = onModeChange;
    }

    private static String[] names(Executable method) {
        if (method == null) {
            return new String[0];
        }
        Parameter[] ps = method.getParameters();
        String[] names = new String[ps.length];
        for (int i = 0; i < ps.length; i++) {
            names[i] = ps[i].isNamePresent() ? ps[i].getName() : null;
        }
        return names;
    }

    Target target() {
        return target;
    }

    /** Whether the target's parameter names are known (compiled with {@code -parameters}). */
    boolean hasParameterNames() {
        return parameterNames.length > 0 && parameterNames[0] != null;
    }

    int parameterIndex(String name) {
        for (int i = 0; i < parameterNames.length; i++) {
            if (name.equals(parameterNames[i])) {
                return i;
            }
        }
        return -1;
    }

    Mode mode() {
        return arming.mode();
    }

    /** Recomputes what is armed from the site's probes. Under the registry's lock. */
    void rearm() {
        List<Armed> call = new ArrayList<>();
        List<Armed> returns = new ArrayList<>();
        List<Armed> exceptions = new ArrayList<>();
        boolean timed = false;
        boolean full = false;
        for (ProbeImpl probe : probes) {
            if (!probe.running()) {
                continue;
            }
            for (Armed a : probe.armed()) {
                (a.event() == ProbeEvent.CALL ? call : a.event() == ProbeEvent.RETURN ? returns : exceptions).add(a);
                timed |= a.event() != ProbeEvent.CALL && a.needsElapsed();
                full |= a.needsFrame();
            }
        }
        Mode mode = call.isEmpty() && returns.isEmpty() && exceptions.isEmpty() ? Mode.OFF : full ? Mode.FULL : Mode.LEAN;
        Mode before = arming.mode();
        arming = mode == Mode.OFF ? Arming.OFF
                : new Arming(call.toArray(new Armed[0]), returns.toArray(new Armed[0]),
                        exceptions.toArray(new Armed[0]), timed, mode);
        if (before != mode && onModeChange != null) {
            onModeChange.run();
        }
    }

    /**
     * Before the target runs: fires call instruments. Returns the start time for {@link #exit} and
     * {@link #fail}, or 0 when nothing needs it. {@code args} is null when the caller captured
     * nothing (a lean combinator), never otherwise (a proxy passes an empty array).
     *
     * <p>What is armed can change while a call runs: a call that went through the lean combinator
     * skips the instruments that read the call ({@code args} null), and one that began while
     * nothing was timed skips, on return and exception, those that need the elapsed time (start
     * 0), rather than hand them nothing or a false zero.
     */
    long enter(Object self, Object[] args) {
        Arming a = arming;
        if (a.call.length > 0) {
            if (a.mode == Mode.LEAN) {
                fireLean(a.call, 0L);
            } else {
                fire(a.call, ProbeEvent.CALL, self, args, null, null, 0L);
            }
        }
        return a.timed ? System.nanoTime() : 0L;
    }

    /** After the target returned {@code result} (null for void). */
    void exit(long start, Object self, Object[] args, Object result) {
        Arming a = arming;
        if (a.returns.length > 0) {
            long elapsed = start == 0L ? -1L : System.nanoTime() - start;
            if (a.mode == Mode.LEAN) {
                fireLean(a.returns, elapsed);
            } else {
                fire(a.returns, ProbeEvent.RETURN, self, args, result, null, elapsed);
            }
        }
    }

    /** After the target threw {@code error}, which the caller rethrows. */
    void fail(long start, Object self, Object[] args, Throwable error) {
        Arming a = arming;
        if (a.exceptions.length > 0) {
            long elapsed = start == 0L ? -1L : System.nanoTime() - start;
            if (a.mode == Mode.LEAN) {
                fireLean(a.exceptions, elapsed);
            } else {
                fire(a.exceptions, ProbeEvent.EXCEPTION, self, args, null, error, elapsed);
            }
        }
    }

    /*
     * The lean combinator's entry points: what enter, exit and fail do with no call to read, kept
     * apart and small so that the JIT inlines them into the caller even once the full path has been
     * compiled into a large method (it does not inline a callee whose compiled code is large). While
     * the call site is being swapped the arming may already be full: then the general path runs,
     * with nothing captured.
     */

    /** {@link #enter} for a caller that has no arguments to give. */
    long enterLean() {
        Arming a = arming;
        if (a.mode != Mode.LEAN) {
            return enter(null, null);
        }
        if (a.call.length > 0) {
            fireLean(a.call, 0L);
        }
        return a.timed ? System.nanoTime() : 0L;
    }

    /** {@link #exit} for a caller that has no arguments or result to give. */
    void exitLean(long start) {
        Arming a = arming;
        if (a.mode != Mode.LEAN) {
            exit(start, null, null, null);
        } else if (a.returns.length > 0) {
            fireLean(a.returns, start == 0L ? -1L : System.nanoTime() - start);
        }
    }

    /** {@link #fail} for a caller that has no arguments to give. */
    void failLean(long start, Throwable error) {
        Arming a = arming;
        if (a.mode != Mode.LEAN) {
            fail(start, null, null, error);
        } else if (a.exceptions.length > 0) {
            fireLean(a.exceptions, start == 0L ? -1L : System.nanoTime() - start);
        }
    }

    /**
     * Fires instruments none of which needs a frame. {@code elapsed} is -1 when the call began
     * before anything timed was armed: those that need it are skipped.
     */
    private static void fireLean(Armed[] armed, long elapsed) {
        try {
            for (Armed a : armed) {
                if (elapsed >= 0L) {
                    a.fireLean(elapsed);
                } else if (!a.needsElapsed()) {
                    a.fireLean(0L);
                }
            }
        } catch (ThrowToTarget t) {
            throw sneaky(t.payload());
        }
    }

    /** {@code elapsed} is -1 when the call began before anything timed was armed. */
    private void fire(Armed[] armed, ProbeEvent event, Object self, Object[] args, Object result, Throwable error,
            long elapsed) {
        Frame frame = null;
        boolean untimed = elapsed < 0;
        long nanos = untimed ? 0L : elapsed;
        try {
            for (Armed a : armed) {
                if (untimed && a.needsElapsed()) {
                    continue;
                }
                if (a.needsFrame()) {
                    if (args == null || !a.admits()) {
                        continue;
                    }
                    if (frame == null) {
                        frame = new Frame(this, event, self, args, result, error, nanos);
                    }
                    a.fire(frame, nanos);
                } else if (a.admits()) {
                    a.fire(null, nanos);
                }
            }
        } catch (ThrowToTarget t) { // a failing breakpoint: the call throws what it asked for
            throw sneaky(t.payload());
        }
    }

    /** Rethrows what a {@link ThrowToTarget} carries, unchecked, as the target's own exception. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
