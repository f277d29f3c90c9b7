package dev.telltale.core.internal.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The lock and park contention of hangs, from JFR, after the fact. JFR writes {@code
 * jdk.JavaMonitorEnter} and {@code jdk.ThreadPark} when the wait ends, and only if the event was
 * enabled when the wait began: a recording started when a hang is detected misses the very wait
 * that causes it. So one recording of the two events above the threshold ({@code
 * telltale-contention}, on disk, the last 5 minutes and 16 MB at most) runs from the first watched
 * loop on; when a hang ends, the recording is dumped and the waits that overlapped the stall, in
 * application code (a pool thread parked idly for work is left out), go into {@code
 * loop.hang.ended}, longest first. This is what JFR's default settings record anyway. On the
 * watcher thread, except {@link #close()}; starting may take a moment the first time JFR starts.
 */
final class Contention {

    /** Most waits listed in a report. */
    static final int MAX_WAITS = 10;

    private final Duration threshold;
    private Recording recording;
    private boolean closed;

    Contention(Duration threshold) {
        this.threshold = threshold;
    }

    /** Starts recording, once; a JVM without JFR records nothing (reports then have no waits). */
    synchronized void start() {
        if (recording != null || closed) {
            return;
        }
        try {
            Recording r = new Recording();
            r.setName("telltale-contention");
            r.setMaxAge(Duration.ofMinutes(5));
            r.setMaxSize(16L << 20);
            r.enable("jdk.JavaMonitorEnter").withThreshold(threshold).withStackTrace();
            r.enable("jdk.ThreadPark").withThreshold(threshold).withStackTrace();
            r.setToDisk(true);
            r.start();
            recording = r;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            WatchService.LOG.log(System.Logger.Level.DEBUG, "telltale: no JFR contention for a hang: " + e);
            recording = null;
        }
    }

    /** The waits that overlapped {@code from} to {@code to}, longest first, as recorded so far. */
    synchronized List<Map<String, Object>> waits(Instant from, Instant to) {
        Recording r = recording;
        if (r == null) {
            return List.of();
        }
        Path file = null;
        try {
            file = Files.createTempFile("telltale-contention", ".jfr");
            r.dump(file);
            List<RecordedEvent> waits = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEndTime().isAfter(from) && e.getStartTime().isBefore(to) && applicationFrame(e) != null) {
                    waits.add(e);
                }
            }
            waits.sort(Comparator.comparing((RecordedEvent e) -> e.getDuration()).reversed());
            List<Map<String, Object>> out = new ArrayList<>();
            for (RecordedEvent e : waits.subList(0, Math.min(MAX_WAITS, waits.size()))) {
                out.add(describe(e));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            WatchService.LOG.log(System.Logger.Level.WARNING, "telltale: cannot read the JFR contention of a hang: " + e);
            return List.of();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /** Whether the recording runs; for tests. */
    synchronized boolean running() {
        return recording != null;
    }

    /** Stops recording, for good. */
    synchronized void close() {
        closed = true;
        Recording r = recording;
        recording = null;
        if (r != null) {
            r.close();
        }
    }

    private static Map<String, Object> describe(RecordedEvent e) {
        Map<String, Object> wait = new LinkedHashMap<>();
        boolean monitor = e.getEventType().getName().equals("jdk.JavaMonitorEnter");
        wait.put("event", e.getEventType().getName());
        RecordedThread thread = e.getThread();
        wait.put("thread", thread == null ? null : thread.getJavaName());
        wait.put("durationMs", WatchEvents.millis(e.getDuration().toNanos()));
        String field = monitor ? "monitorClass" : "parkedClass";
        RecordedClass type = e.hasField(field) ? e.getValue(field) : null;
        wait.put(monitor ? "monitor" : "blocker", type == null ? null : type.getName());
        wait.put("at", applicationFrame(e));
        return wait;
    }

    /**
     * The innermost frame outside the JDK ({@code Shop.restock:42}), or null: an idle pool thread
     * parked for work has none, and is no contention.
     */
    private static String applicationFrame(RecordedEvent e) {
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null) {
            return null;
        }
        for (RecordedFrame f : stack.getFrames()) {
            String cls = f.getMethod().getType().getName();
            if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
                return cls + "." + f.getMethod().getName() + ":" + f.getLineNumber();
            }
        }
        return null;
    }
}
