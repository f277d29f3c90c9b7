package dev.telltale.core.internal.watch;

import dev.telltale.internal.Fatal;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * Virtual threads that pin their carrier, from JFR's {@code jdk.VirtualThreadPinned} (JDK 21+): a
 * {@link RecordingStream} of that event above the threshold, started when the first virtual
 * thread runs a watched task, hands each pin to a sink. JFR writes the event when the pin ends,
 * and only if it was enabled when the pin began; a stream delivers it about a second later, so
 * every pin is reported after the fact. Before JDK 21 (no virtual threads, no such event) nothing
 * starts, and that is said once at DEBUG.
 *
 * <p>{@link #threadSeen} on any thread (one volatile read once started); {@link #start()} on the
 * watcher thread; the sink on the stream's own thread. Never throws (fatal errors aside).
 */
final class PinnedCarriers {

    static final String EVENT = "jdk.VirtualThreadPinned";

    /** {@code Thread.isVirtual()} (JDK 21+), or null. */
    private static final Method IS_VIRTUAL = isVirtualMethod();

    private final Duration threshold;
    private final Consumer<Pin> sink;
    private volatile boolean requested;
    private RecordingStream stream;
    private boolean closed;

    PinnedCarriers(Duration threshold, Consumer<Pin> sink) {
        this.threshold = Objects.requireNonNull(threshold, "threshold == null");
        this.sink = Objects.requireNonNull(sink, "sink == null");
    }

    /** Whether this JVM has virtual threads. */
    static boolean supported() {
        return IS_VIRTUAL != null;
    }

    /** Whether {@code thread} is virtual; false before JDK 21. */
    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (Boolean) IS_VIRTUAL.invoke(thread);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A thread starts its first watched task; true (once) when the caller should have {@link
     * #start()} run on the watcher: for the first virtual thread, or before JDK 21 for the first
     * thread of all (so that the DEBUG line is written).
     */
    boolean threadSeen(Thread thread) {
        if (requested || supported() && !isVirtual(thread)) {
            return false;
        }
        synchronized (this) {
            if (requested) {
                return false;
            }
            requested = true;
            return true;
        }
    }

    /** Starts the stream, once; without virtual threads or JFR, says why at DEBUG and does nothing. */
    synchronized void start() {
        if (stream != null || closed) {
            return;
        }
        if (!supported()) {
            WatchService.LOG.log(Level.DEBUG, "telltale: this JVM (Java " + Runtime.version().feature()
                    + ") has no virtual threads: no " + EVENT + " events to report as slow tasks");
            return;
        }
        try {
            RecordingStream s = new RecordingStream();
            s.setMaxAge(Duration.ofSeconds(10));
            s.enable(EVENT).withThreshold(threshold).withStackTrace();
            s.onEvent(EVENT, this::onEvent);
            s.startAsync();
            stream = s;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            WatchService.LOG.log(Level.DEBUG, "telltale: no JFR stream of " + EVENT + ": " + t);
        }
    }

    /** Whether the stream runs; for tests. */
    synchronized boolean running() {
        return stream != null;
    }

    /** Stops the stream, for good. */
    synchronized void close() {
        closed = true;
        RecordingStream s = stream;
        stream = null;
        if (s != null) {
            try {
                s.close();
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
            }
        }
    }

    private void onEvent(RecordedEvent e) {
        try {
            RecordedThread thread = e.getThread();
            if (thread == null) {
                return;
            }
            RecordedThread carrier = e.hasField("carrierThread") ? e.getValue("carrierThread") : null;
            sink.accept(new Pin(thread.getJavaThreadId(), e.getStartTime(), e.getDuration(),
                    text(e, "blockingOperation"), text(e, "pinnedReason"),
                    carrier == null ? null : carrier.getJavaName(), frames(e.getStackTrace())));
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            WatchService.LOG.log(Level.WARNING, "telltale: cannot report a pinned virtual thread: " + t);
        }
    }

    private static String text(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getString(field) : null;
    }

    private static List<StackTraceElement> frames(RecordedStackTrace stack) {
        List<StackTraceElement> out = new ArrayList<>();
        if (stack == null) {
            return out;
        }
        for (RecordedFrame f : stack.getFrames()) {
            if (out.size() == SlowTaskReports.MAX_FRAMES) {
                break;
            }
            if (!f.isJavaFrame()) {
                continue;
            }
            out.add(new StackTraceElement(f.getMethod().getType().getName(), f.getMethod().getName(), null,
                    f.getLineNumber()));
        }
        return out;
    }

    private static Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    /**
     * One pin: the virtual thread's id, when it began, how long it lasted, what blocked and why
     * the carrier stayed pinned (JFR's text, or null), the carrier's name, and the stack.
     */
    record Pin(long threadId, Instant start, Duration duration, String blockingOperation, String pinnedReason,
            String carrier, List<StackTraceElement> stack) {
        Pin {
            stack = List.copyOf(stack);
        }
    }
}
