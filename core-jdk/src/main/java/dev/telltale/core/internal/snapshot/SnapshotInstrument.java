package dev.telltale.core.internal.snapshot;

import dev.telltale.core.internal.snapshot.SnapshotCapture.FrameValues;
import dev.telltale.probe.Hit;
import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentFactory;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.internal.Fatal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code snapshot} probe instrument: on {@link ProbeEvent#EXCEPTION} it saves a crash snapshot
 * of the exception with the call's receiver and arguments on the probed method's frame (named
 * {@code arg0}, {@code arg1}, ...). Runs on the application's thread after the call failed, so it
 * writes a file there: give the spec a rate limit where a method fails often. Reports {@code
 * saved} and {@code failed} counts per interval.
 *
 * <p>On a method the agent rewrote, it runs inside the agent's fail hook, which the method's own
 * catch-all handler calls before it rethrows: the method's frame is still alive, so its local
 * variables are read too (as {@link LiveLocals} can), and those of its callers. A proxy's or a
 * method handle's probe runs after the call ended, with the method's frame gone.
 */
final class SnapshotInstrument implements Instrument {

    /** The type name specs use. */
    static final String TYPE = "snapshot";
    /** The class of the agent's hooks, which rewritten methods call (the agent's bootstrap bridge). */
    static final String HOOKS = "dev.telltale.agent.bridge.Hooks";

    private static final Map<String, Object> LOCALS = LiveLocals.notRead(
            "taken by a probe after the call ended; its receiver and arguments are recorded instead");
    private static final StackWalker PLAIN = StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES);

    private final CoreSnapshots snapshots;
    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private SnapshotInstrument(CoreSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** The factory registered with each engine's probes. */
    static InstrumentFactory factory(CoreSnapshots snapshots) {
        return new InstrumentFactory() {
            @Override
            public String type() {
                return TYPE;
            }

            @Override
            public Instrument create(InstrumentSpec spec) {
                if (spec.event() != ProbeEvent.EXCEPTION) {
                    throw new IllegalArgumentException("a snapshot instrument records exceptions: set event(EXCEPTION), not "
                            + spec.event());
                }
                return new SnapshotInstrument(snapshots);
            }
        };
    }

    @Override
    public void record(Hit hit) {
        Throwable error = hit.exception();
        if (error == null) {
            return;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < hit.argCount(); i++) {
            args.put("arg" + i, hit.arg(i));
        }
        StackTraceElement[] trace = error.getStackTrace();
        Map<Integer, FrameValues> frames = new HashMap<>();
        Map<String, Object> other = null;
        Map<String, Object> locals = LOCALS;
        List<LiveLocals.Slots> hooked = null;
        try {
            hooked = PLAIN.walk(s -> selectBelowHook(s).map(f -> new LiveLocals.Slots(f.getClassName(), f.getMethodName(), null))
                    .collect(Collectors.toList()));
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
        boolean inHook = hooked != null && !hooked.isEmpty();
        int frame = inHook ? CoreSnapshots.CallerFrame.indexIn(trace, hooked) : -1;
        if (frame < 0) {
            frame = frameOf(trace, hit);
        }
        if (frame >= 0) {
            frames.put(frame, FrameValues.probe(hit.self(), args));
        } else {
            other = new LinkedHashMap<>();
            if (hit.self() != null) {
                other.put("this", hit.self());
            }
            other.putAll(args);
        }
        if (inHook) {
            locals = hookLocals(trace, frame >= 0 && sameFrame(trace[frame], hooked.get(0)) ? frame : -1, frames);
        }
        (snapshots.save(error, hit.thread(), false, frames, other, locals).isPresent() ? saved : failed).incrementAndGet();
    }

    /**
     * Reads the locals of the rewritten method's live frame (at {@code frame} of the trace, -1
     * when it is not there) and its callers onto {@code frames}; returns what the document says.
     */
    private Map<String, Object> hookLocals(StackTraceElement[] trace, int frame, Map<Integer, FrameValues> frames) {
        if (!snapshots.settings().locals()) {
            return LiveLocals.notRead("telltale.snapshot.locals=false");
        }
        if (!LiveLocals.available()) {
            return LiveLocals.notRead(LiveLocals.reason());
        }
        if (frame < 0) {
            return LiveLocals.notRead("the probed method is not in the exception's stack trace (it was thrown elsewhere)");
        }
        try {
            List<LiveLocals.Slots> live = LiveLocals.walkSelected(SnapshotInstrument::selectBelowHook);
            if (live.isEmpty() || !sameFrame(trace[frame], live.get(0))) {
                return LiveLocals.notRead("the probed method's frame was not found among the live frames");
            }
            int read = CoreSnapshots.CallerFrame.attachLocals(trace, frame, live, frames, trace[frame].getLineNumber());
            Map<String, Object> locals = new LinkedHashMap<>();
            locals.put("read", true);
            locals.put("frames", (long) read);
            locals.put("names", "from the LocalVariableTable where the class has one; the probed method's as in scope at"
                    + " the line the exception left it");
            return locals;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return LiveLocals.notRead("reading the live frames failed: " + ValueCapture.describe(t));
        }
    }

    /**
     * Of this thread's frames (innermost first), those below the agent's fail hook, the rewritten
     * method first, when the frames above the hook are all Telltale's (this instrument runs in the
     * hook); else none.
     */
    static Stream<StackWalker.StackFrame> selectBelowHook(Stream<StackWalker.StackFrame> frames) {
        boolean[] state = new boolean[2]; // [0]: past the hook; [1]: not in a hook
        return frames.filter(f -> {
            if (state[0]) {
                return true;
            }
            if (!state[1]) {
                if (f.getClassName().equals(HOOKS) && f.getMethodName().startsWith("fail")) {
                    state[0] = true;
                } else if (!f.getClassName().startsWith("dev.telltale.")) {
                    state[1] = true;
                }
            }
            return false;
        });
    }

    private static boolean sameFrame(StackTraceElement e, LiveLocals.Slots f) {
        return e.getClassName().equals(f.className()) && e.getMethodName().equals(f.methodName());
    }

    /** The frame of the probed method: its name, in the receiver's class or a superclass. */
    static int frameOf(StackTraceElement[] trace, Hit hit) {
        String method = hit.target().methodName();
        if (method == null) {
            return -1;
        }
        Object self = hit.self();
        for (int i = 0; i < trace.length; i++) {
            if (!trace[i].getMethodName().equals(method)) {
                continue;
            }
            if (self == null) {
                return i;
            }
            for (Class<?> c = self.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals(trace[i].getClassName())) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public Map<String, ?> report() {
        return Map.of("saved", saved.getAndSet(0), "failed", failed.getAndSet(0));
    }
}
