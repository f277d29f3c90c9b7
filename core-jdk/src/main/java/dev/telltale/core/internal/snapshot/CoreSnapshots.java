package dev.telltale.core.internal.snapshot;

import dev.telltale.core.internal.jfr.CrashSnapshotRecord;
import dev.telltale.core.internal.snapshot.SnapshotCapture.FrameValues;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.Ids;
import dev.telltale.internal.Stamp;
import dev.telltale.snapshot.Snapshots;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The snapshots of one engine: captures on the saving thread, writes the file, then publishes
 * {@code snapshot.saved} (routing key {@code telltale.snapshot}) and records JFR {@code
 * dev.telltale.CrashSnapshot}; a failure is logged and published as {@code snapshot.failed}.
 * Thread-safe; never throws into the caller but for null arguments.
 */
public final class CoreSnapshots implements Snapshots {

    /** The routing key of snapshot events. */
    public static final String ROUTING_KEY = "telltale.snapshot";
    private static final System.Logger LOG = System.getLogger("dev.telltale");

    private final Engine engine;
    private final SnapshotCapture capture;
    private final BooleanSupplier jfr;
    private final String source = "snapshots-" + Ids.random();
    private final AtomicLong seq = new AtomicLong();

    /**
     * Snapshots publishing through {@code engine}; {@code jfr} says whether a JFR record may be
     * committed now (the event types are registered, or JFR is up anyway).
     */
    public CoreSnapshots(Engine engine, SnapshotSettings settings, BooleanSupplier jfr) {
        this.engine = engine;
        this.capture = new SnapshotCapture(settings, engine.host(), engine.pid());
        this.jfr = jfr;
    }

    /** The settings. */
    public SnapshotSettings settings() {
        return capture.settings();
    }

    @Override
    public Optional<Path> save(Throwable error, Map<String, ?> values) {
        Objects.requireNonNull(error, "error == null");
        Objects.requireNonNull(values, "values == null");
        Map<Integer, FrameValues> frames = new HashMap<>();
        Map<String, Object> locals;
        Map<String, ?> other = values.isEmpty() ? null : values;
        try {
            StackTraceElement[] trace = error.getStackTrace();
            boolean readLocals = capture.settings().locals() && LiveLocals.available();
            List<LiveLocals.Slots> live = readLocals ? LiveLocals.walk(CallerFrame::own) : CallerFrame.live();
            int k = CallerFrame.indexIn(trace, live);
            if (k >= 0 && other != null) {
                frames.put(k, FrameValues.given(values));
                other = null;
            }
            if (!capture.settings().locals()) {
                locals = LiveLocals.notRead("telltale.snapshot.locals=false");
            } else if (!readLocals) {
                locals = LiveLocals.notRead(LiveLocals.reason());
            } else if (k < 0) {
                locals = LiveLocals.notRead("the method that called save is not in the exception's stack trace");
            } else {
                int read = CallerFrame.attachLocals(trace, k, live, frames, -1);
                locals = new LinkedHashMap<>();
                locals.put("read", true);
                locals.put("frames", (long) read);
                locals.put("names", "from the LocalVariableTable where the class has one");
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            locals = LiveLocals.notRead("reading the live frames failed: " + ValueCapture.describe(t));
        }
        return save(error, Thread.currentThread(), false, frames, other, locals);
    }

    /** Saves {@code error} that nobody caught, on its dying thread {@code thread}. */
    Optional<Path> saveUncaught(Thread thread, Throwable error) {
        return save(error, thread, true, Map.of(), null, LiveLocals.NOT_READ);
    }

    /**
     * Saves {@code error} with values by frame of its stack trace ({@code frames}), values of no
     * frame ({@code other}, may be null) and what the document says about locals; for probes and
     * tests. Never throws but fatally.
     */
    public Optional<Path> save(Throwable error, Thread thread, boolean uncaught, Map<Integer, FrameValues> frames,
            Map<String, ?> other, Map<String, Object> locals) {
        try {
            Map<String, Object> doc = capture.capture(error, thread, uncaught, frames, other, locals);
            SnapshotSettings settings = capture.settings();
            Path file = SnapshotFiles.write(doc, settings.dir(), settings.gzip(), engine.pid(), error.getClass().getName());
            saved(file, error, uncaught);
            return Optional.of(file);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            failed(error, t);
            return Optional.empty();
        }
    }

    private void saved(Path file, Throwable error, boolean uncaught) {
        long bytes = -1;
        try {
            bytes = Files.size(file);
        } catch (Exception e) {
            // published without the size
        }
        String message = message(error);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", file.toAbsolutePath().toString());
        fields.put("exception", error.getClass().getName());
        if (message != null) {
            fields.put("message", ValueCapture.cut(message, capture.settings().maxChars()));
        }
        fields.put("uncaught", uncaught);
        fields.put("bytes", bytes);
        Stamp.offer(engine, "snapshot.saved", ROUTING_KEY, source, seq.incrementAndGet(), Map.of(), fields);
        try {
            if (jfr.getAsBoolean()) {
                CrashSnapshotRecord.commit(file.toAbsolutePath().toString(), error.getClass().getName(), message,
                        uncaught, bytes);
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    private void failed(Throwable error, Throwable failure) {
        String why = ValueCapture.describe(failure);
        LOG.log(Level.WARNING, "telltale: cannot save a snapshot of " + error.getClass().getName() + " to "
                + capture.settings().dir() + ": " + why);
        Stamp.offer(engine, "snapshot.failed", ROUTING_KEY, source, seq.incrementAndGet(), Map.of(),
                Map.of("exception", error.getClass().getName(), "error", why));
    }

    private static String message(Throwable error) {
        try {
            return error.getMessage();
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return null;
        }
    }

    /** The factory of the {@code snapshot} probe instrument, saving through these snapshots. */
    public dev.telltale.probe.InstrumentFactory instrumentFactory() {
        return SnapshotInstrument.factory(this);
    }

    @Override
    public Installation installUncaughtHandler() {
        return UncaughtSaver.install(this);
    }

    /** Finds the frame of {@code save}'s caller in a throwable's stack trace, and the live frames' places there. */
    static final class CallerFrame {

        private static final List<String> OWN = List.of(CoreSnapshots.class.getName(), Snapshots.class.getName(),
                "dev.telltale.internal.NoopSnapshots", LiveLocals.class.getName());
        private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES);

        private CallerFrame() {}

        static boolean own(String className) {
            return OWN.contains(className) || className.startsWith(OWN.get(0) + "$");
        }

        /** This thread's frames below Telltale's, without their locals. */
        static List<LiveLocals.Slots> live() {
            return WALKER.walk(s -> s.dropWhile(f -> own(f.getClassName()))
                    .map(f -> new LiveLocals.Slots(f.getClassName(), f.getMethodName(), null))
                    .collect(Collectors.toList()));
        }

        /**
         * The index in {@code trace} of the method that called {@code save} ({@code live}'s first
         * frame), or -1. Where the method is in the trace more than once (recursion), the frame
         * whose callers are this thread's callers wins.
         */
        static int indexIn(StackTraceElement[] trace, List<LiveLocals.Slots> live) {
            if (live.isEmpty()) {
                return -1;
            }
            LiveLocals.Slots caller = live.get(0);
            int aligned = trace.length - live.size();
            if (aligned >= 0 && aligned < trace.length && same(trace[aligned], caller)) {
                return aligned;
            }
            for (int i = 0; i < trace.length; i++) {
                if (same(trace[i], caller)) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Puts the locals of each live frame on its frame of the trace, from the caller at {@code
         * k} outwards, skipping trace frames the walk does not show, next to what {@code frames}
         * already holds of it; returns how many. The first live frame's slots are named as at
         * source line {@code firstLine} when positive (the agent's hook, whose frame stands in code
         * of its own, passes the line the exception left the method at), the others as where they
         * stand.
         */
        static int attachLocals(StackTraceElement[] trace, int k, List<LiveLocals.Slots> live,
                Map<Integer, FrameValues> frames, int firstLine) {
            int t = k;
            int read = 0;
            for (LiveLocals.Slots slots : live) {
                int found = t;
                while (found < trace.length && found < t + 8 && !same(trace[found], slots)) {
                    found++;
                }
                if (found == trace.length || found == t + 8) {
                    break;
                }
                FrameValues had = frames.get(found);
                Map<String, Object> locals = read == 0 && firstLine > 0 ? slots.locals(firstLine) : slots.locals();
                frames.put(found, had == null ? new FrameValues(null, false, null, locals, null)
                        : new FrameValues(had.receiver(), had.hasReceiver(), had.arguments(), locals, had.given()));
                read++;
                t = found + 1;
            }
            return read;
        }

        private static boolean same(StackTraceElement e, LiveLocals.Slots f) {
            return e.getClassName().equals(f.className()) && e.getMethodName().equals(f.methodName());
        }
    }
}
