package dev.telltale.core.internal.snapshot;

import dev.telltale.core.internal.snapshot.SnapshotCapture.FrameValues;
import dev.telltale.probe.Hit;
import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentFactory;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code snapshot} probe instrument: on {@link ProbeEvent#EXCEPTION} it saves a crash snapshot
 * of the exception with the call's receiver and arguments on the probed method's frame (named
 * {@code arg0}, {@code arg1}, ...). Runs on the application's thread after the call failed, so it
 * writes a file there: give the spec a rate limit where a method fails often. Reports {@code
 * saved} and {@code failed} counts per interval.
 */
final class SnapshotInstrument implements Instrument {

    /** The type name specs use. */
    static final String TYPE = "snapshot";

    private static final Map<String, Object> LOCALS = LiveLocals.notRead(
            "taken by a probe after the call ended; its receiver and arguments are recorded instead");

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
        int frame = frameOf(error.getStackTrace(), hit);
        Map<Integer, FrameValues> frames = Map.of();
        Map<String, Object> other = null;
        if (frame >= 0) {
            frames = Map.of(frame, FrameValues.probe(hit.self(), args));
        } else {
            other = new LinkedHashMap<>();
            if (hit.self() != null) {
                other.put("this", hit.self());
            }
            other.putAll(args);
        }
        (snapshots.save(error, hit.thread(), false, frames, other, LOCALS).isPresent() ? saved : failed).incrementAndGet();
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
