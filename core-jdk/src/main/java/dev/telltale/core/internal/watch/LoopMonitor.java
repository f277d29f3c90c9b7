package dev.telltale.core.internal.watch;

import dev.telltale.core.internal.jfr.HangRecord;
import dev.telltale.core.internal.jfr.JfrSetup;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.TaskNames;
import dev.telltale.internal.TaskSlot;
import dev.telltale.watch.LoopWatch;
import java.lang.System.Logger.Level;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One watched loop: its heartbeat (a task on the loop every quarter of the hang interval, or the
 * application's {@link #beat()} calls) and the watchdog's check of it on the watcher thread.
 *
 * <p>When the last beat is older than the interval (and the loop is not idle), an episode starts:
 * the dumps of its set are written on the watcher thread, the first now and each other one a gap
 * after the one before it was written; once all are written, {@code loop.hang} is reported; once
 * the loop has beaten again (and the set is complete), {@code loop.hang.ended}, and the watch is
 * armed again. GC time during the stall is the collectors' time from the last check before the
 * stall began to the last check before the loop beat again. A check that comes
 * itself late by more than the interval (the whole process stalled: a long GC pause, a suspended
 * machine) starts no episode, and the loop then has a whole interval from that check to beat.
 *
 * <p>Times are the loop's ({@code clock}: a time-dilated scheduler's own), except the gap between
 * dumps, which is real.
 *
 * <p>A loop the application drives has turns too, from a {@link #beat()} to the next beat or
 * {@link #idle()}: each is a task on a {@link TaskSlot} of the loop's own (not its thread's, so
 * watched tasks that the turn runs are tasks of their own), which the service's slow-task check
 * reads like an executor's.
 *
 * <p>{@link #beat()} and {@link #idle()} run on the loop's thread: a clock read, a few volatile
 * reads and up to three volatile writes. Everything else runs on the watcher thread.
 */
final class LoopMonitor implements LoopWatch {

    private static final int GC_SAMPLES = 32;

    private final String name;
    private final WatchService service;
    private final ScheduledExecutorService loop;
    private final long intervalNanos;
    private final long periodNanos;
    private final int dumpCount;
    private final long gapNanos;
    private final LongSupplier gcMillis;
    private final LongSupplier clock;

    private volatile long lastBeat;
    private volatile Thread thread;
    private volatile boolean idle;
    private volatile boolean hung;
    private volatile long recoveredAt;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile ScheduledFuture<?> check;
    private volatile long checks;
    private volatile LagMonitor lag;
    /** The slot of the thread whose beat began the turn under way, for a loop the application drives; null before. */
    private volatile TaskSlot turns;

    // the watcher thread's own
    private final long[] sampleTimes = new long[GC_SAMPLES];
    private final long[] sampleGc = new long[GC_SAMPLES];
    private int samples;
    private long lastCheck;
    /** The loop's time at the last check that came late itself; a stall counts from then at the earliest. */
    private long resumedAt;
    private boolean episode;
    private long stallStart;
    private Instant stallStartTime;
    private long gcAtStart;
    /** The GC total when the loop beat again, taken while the samples still reach back to it; -1 until then. */
    private long gcAtRecovery = -1;
    private Thread stalledThread;
    private List<Path> files;
    private List<String> stack;
    private int dumpsDone;

    LoopMonitor(String name, WatchService service, ScheduledExecutorService loop, long intervalNanos, int dumpCount,
            long gapNanos, LongSupplier gcMillis, LongSupplier clock) {
        this.name = name;
        this.service = service;
        this.loop = loop;
        this.intervalNanos = intervalNanos;
        this.periodNanos = Math.max(1_000_000L, intervalNanos / 4);
        this.dumpCount = dumpCount;
        this.gapNanos = gapNanos;
        this.gcMillis = gcMillis;
        this.clock = clock;
    }

    /**
     * Schedules the heartbeat (on an executor loop) and the check (on the watcher), and starts
     * {@code lag} (null for none).
     */
    void start(ScheduledExecutorService watcher, LagMonitor lag, long lagReportNanos) {
        if (loop != null) {
            heartbeat = loop.scheduleWithFixedDelay(() -> beat(name, false), 0, periodNanos, TimeUnit.NANOSECONDS);
        }
        if (lag != null) {
            this.lag = lag;
            lag.start(watcher, lagReportNanos);
        }
        check = watcher.scheduleWithFixedDelay(this::check, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void beat() {
        beat(name, true);
    }

    @Override
    public void beat(String turn) {
        beat(TaskNames.checkTurn(turn), true);
    }

    /** The heartbeat, called by the heartbeat task of an executor loop with {@code turn} false. */
    private void beat(String turnName, boolean turn) {
        long now = clock.getAsLong();
        Thread t = Thread.currentThread();
        if (thread != t) {
            thread = t;
        }
        if (idle) {
            idle = false;
        }
        if (hung && recoveredAt == 0) {
            recoveredAt = now;
        }
        lastBeat = now;
        if (turn && loop == null && !closed) {
            TaskSlot slot = turns;
            if (slot == null || slot.thread() != t) {
                slot = moveTurns(slot, t);
            }
            slot.end(); // the turn under way, if any
            slot.begin(name, turnName, now); // the clock is System.nanoTime, as the slot's
        }
    }

    /** The loop's turns go on on {@code t}: the turn under way on the old thread ends, and {@code t} gets a slot. */
    private TaskSlot moveTurns(TaskSlot old, Thread t) {
        if (old != null) {
            old.end(); // the calls do not overlap (LoopWatch's rule): the old thread is done with it
            service.dropTurns(old);
        }
        TaskSlot slot = service.turns(t);
        turns = slot;
        if (closed) { // closed meanwhile: close() may have missed this slot
            service.dropTurns(slot);
        }
        return slot;
    }

    @Override
    public void idle() {
        if (hung && recoveredAt == 0) {
            recoveredAt = clock.getAsLong();
        }
        idle = true;
        TaskSlot slot = turns;
        if (slot != null && !closed) {
            slot.end();
        }
    }

    @Override
    public void close() {
        closed = true;
        TaskSlot slot = turns;
        if (slot != null) {
            if (slot.thread() == Thread.currentThread()) {
                slot.end(); // on the turn's own thread: it ends here, and is reported if slow
            }
            service.dropTurns(slot);
        }
        ScheduledFuture<?> h = heartbeat;
        if (h != null) {
            h.cancel(false);
        }
        ScheduledFuture<?> c = check;
        if (c != null) {
            c.cancel(false);
        }
        LagMonitor l = lag;
        if (l != null) {
            lag = null;
            l.close();
        }
        service.removeLoop(this);
    }

    /** On the watcher thread. */
    void check() {
        try {
            if (closed) {
                return;
            }
            if (loop != null && loop.isShutdown()) {
                close(); // a loop that was shut down beats no more, and is not hung
                return;
            }
            long now = clock.getAsLong();
            long real = System.nanoTime(); // the watcher's own lateness is in real time
            boolean late = lastCheck != 0 && real - lastCheck > intervalNanos + periodNanos;
            lastCheck = real;
            if (late) {
                resumedAt = now;
            }
            sample(now);
            checks++; // only the watcher thread writes it
            if (episode) {
                if (recoveredAt != 0) {
                    gcAtRecovery(); // before the samples of the stall are overwritten while the dumps go on
                    if (dumpsDone == dumpCount) {
                        ended();
                    }
                }
                return;
            }
            long last = lastBeat;
            if (last == 0 || idle || late) {
                return;
            }
            long since = resumedAt != 0 && resumedAt - last > 0 ? resumedAt : last;
            if (now - since <= intervalNanos) {
                return;
            }
            startEpisode(last, now);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            WatchService.LOG.log(Level.WARNING, "telltale: hang check of loop '" + name + "' failed: " + t);
        }
    }

    /** How many checks were made; for tests. */
    long checks() {
        return checks;
    }

    private void sample(long now) {
        int i = samples++ % GC_SAMPLES;
        sampleTimes[i] = now;
        sampleGc[i] = gcMillis.getAsLong();
    }

    /** The GC total sampled last at or before {@code time}, else the oldest sample kept. */
    private long gcAt(long time) {
        int n = Math.min(samples, GC_SAMPLES);
        long best = Long.MIN_VALUE;
        long bestGc = 0;
        long oldest = Long.MAX_VALUE;
        long oldestGc = 0;
        for (int i = 0; i < n; i++) {
            long t = sampleTimes[i];
            if (t - time <= 0 && (best == Long.MIN_VALUE || t - best > 0)) {
                best = t;
                bestGc = sampleGc[i];
            }
            if (oldest == Long.MAX_VALUE || t - oldest < 0) {
                oldest = t;
                oldestGc = sampleGc[i];
            }
        }
        return best != Long.MIN_VALUE ? bestGc : oldestGc;
    }

    /** The GC total when the loop beat again (the episode's {@code recoveredAt}), taken once. */
    private long gcAtRecovery() {
        if (gcAtRecovery < 0) {
            gcAtRecovery = gcAt(recoveredAt);
        }
        return gcAtRecovery;
    }

    private void startEpisode(long last, long now) {
        episode = true;
        recoveredAt = 0;
        gcAtRecovery = -1;
        hung = true;
        stallStart = last;
        stallStartTime = Instant.now().minusNanos(now - last);
        gcAtStart = gcAt(last);
        stalledThread = thread;
        files = new ArrayList<>();
        stack = List.of();
        dumpsDone = 0;
        WatchService.LOG.log(Level.WARNING, "telltale: loop '" + name + "' missed its heartbeat for "
                + WatchEvents.millis(now - last) + " ms (thread '" + threadName() + "'); writing " + dumpCount
                + " thread dumps to " + service.dumps().dir().toAbsolutePath());
        dump(0);
    }

    /** Schedules dump {@code n} a gap after the one before it was written, so a late dump does not shorten the next gap. */
    private void scheduleDump(int n) {
        ScheduledExecutorService timer = service.timer();
        try {
            if (timer != null) {
                timer.schedule(() -> dump(n), gapNanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            // closing: the set stays incomplete
        }
    }

    private void dump(int n) {
        try {
            HangDumps.Written written = service.dumps().write(n);
            files.addAll(written.files());
            if (n == 0) {
                stack = stackOf(written.threads());
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            WatchService.LOG.log(Level.WARNING, "telltale: thread dump " + n + " of loop '" + name + "' failed: " + t);
        }
        if (++dumpsDone < dumpCount) {
            scheduleDump(n + 1);
        } else {
            hungReport();
            if (recoveredAt != 0) {
                ended();
            }
        }
    }

    private List<String> stackOf(ThreadInfo[] threads) {
        Thread t = stalledThread;
        if (t == null) {
            return List.of();
        }
        for (ThreadInfo info : threads) {
            if (info != null && info.getThreadId() == t.getId()) {
                List<String> frames = new ArrayList<>();
                for (StackTraceElement e : info.getStackTrace()) {
                    if (frames.size() == SlowTaskReports.MAX_FRAMES) {
                        break;
                    }
                    frames.add(e.toString());
                }
                return frames;
            }
        }
        return List.of();
    }

    private void hungReport() {
        long now = clock.getAsLong();
        long rec = recoveredAt;
        long stall = (rec != 0 ? rec : now) - stallStart;
        // a loop that beat again: the GC time within the stall, not up to this report
        long gc = Math.max(0, (rec != 0 ? gcAtRecovery() : gcMillis.getAsLong()) - gcAtStart);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("loop", name);
        fields.put("thread", threadName());
        fields.put("stalledMs", WatchEvents.millis(stall));
        fields.put("gcMs", gc);
        fields.put("recovered", rec != 0);
        fields.put("files", fileNames());
        fields.put("stack", stack);
        service.events().emit("loop.hang", name, fields);
        jfr("hung", stall, gc);
    }

    private void ended() {
        long rec = recoveredAt;
        long stall = rec - stallStart;
        long gc = Math.max(0, gcAtRecovery() - gcAtStart);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("loop", name);
        fields.put("thread", threadName());
        fields.put("durationMs", WatchEvents.millis(stall));
        fields.put("gcMs", gc);
        fields.put("files", fileNames());
        Contention contention = service.contention();
        if (contention != null) {
            fields.put("contention", contention.waits(stallStartTime.minusMillis(1), Instant.now()));
        }
        service.events().emit("loop.hang.ended", name, fields);
        jfr("ended", stall, gc);
        WatchService.LOG.log(Level.INFO, "telltale: loop '" + name + "' beats again after a stall of "
                + WatchEvents.millis(stall) + " ms (" + gc + " ms of it in GC); dumps: " + fileNames());
        episode = false;
        hung = false;
        recoveredAt = 0;
    }

    private void jfr(String phase, long stallNanos, long gcMs) {
        try {
            if (JfrSetup.jfrUp()) {
                HangRecord.commit(name, stalledThread, phase, stallNanos, gcMs * 1_000_000L, String.join("\n", fileNames()));
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    private List<String> fileNames() {
        List<String> names = new ArrayList<>();
        for (Path p : files) {
            names.add(p.toAbsolutePath().toString());
        }
        return names;
    }

    private String threadName() {
        Thread t = stalledThread;
        return t == null ? "unknown" : t.getName();
    }
}
