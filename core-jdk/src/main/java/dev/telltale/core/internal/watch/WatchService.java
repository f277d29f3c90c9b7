package dev.telltale.core.internal.watch;

import dev.telltale.internal.CoarseClock;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.LoopClock;
import dev.telltale.internal.TaskNames;
import dev.telltale.internal.TaskSlot;
import dev.telltale.internal.WatchEngine;
import dev.telltale.watch.LoopWatch;
import dev.telltale.watch.SlowTask;
import dev.telltale.watch.SlowTaskHandler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The loop and hang watch of one engine. Its watcher thread ({@code telltale-watch}, started on
 * first use) checks every thread that runs watched tasks a few times per threshold and reports a
 * task past the threshold while it runs (claiming it, so it is reported once); the task's thread
 * hands the end of a slow or reported task over through a queue, and the watcher reports that
 * too. Closing stops the thread and reports what had ended.
 */
public final class WatchService implements WatchEngine, TaskSlot.Listener {

    static final System.Logger LOG = System.getLogger("dev.telltale.watch");

    private final WatchSettings settings;
    private final WatchEvents events;
    private final SlowTaskReports reports;
    private final long startNanos = System.nanoTime();
    private final long thresholdNanos;
    private final long quietNanos;
    private final LongSupplier gcMillis;
    private final HangDumps dumps;
    private final Contention contention;
    private final Map<String, LoopMonitor> loops = new ConcurrentHashMap<>();
    /** Refreshed at every check (a quarter of the threshold at most): ends of short tasks read it, not the clock. */
    private final CoarseClock coarse = new CoarseClock();
    private final Queue<TaskSlot> slots = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<TaskSlot> current = ThreadLocal.withInitial(this::register);
    private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();
    /** The names given to tasks reported running, for their end report; watcher thread only. */
    private final Map<TaskSlot, Claimed> claims = new HashMap<>();
    private final Object timerLock = new Object();
    private final Object reportLock = new Object();
    private volatile ScheduledThreadPoolExecutor timer;
    private volatile boolean closed;
    private volatile long checks;
    private StatsdClient statsd;

    /** The watch of {@code engine}, whose pipeline takes its events. */
    public WatchService(Engine engine, WatchSettings settings) {
        this(engine, settings, new GcTime());
    }

    /** As {@link #WatchService(Engine, WatchSettings)}, with the GC clock given; for tests. */
    WatchService(Engine engine, WatchSettings settings, LongSupplier gcMillis) {
        this.settings = settings;
        this.gcMillis = gcMillis;
        this.contention = settings.contentionThreshold().isZero() ? null : new Contention(settings.contentionThreshold());
        this.dumps = new HangDumps(settings.hangDir(), settings.lockedSynchronizers(), settings.virtualThreads());
        this.events = new WatchEvents(engine);
        this.reports = new SlowTaskReports(events, LOG);
        this.thresholdNanos = settings.slowTaskThreshold().toNanos();
        this.quietNanos = settings.quietPeriod().toNanos();
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public TaskSlot slot() {
        return current.get();
    }

    private TaskSlot register() {
        // the coarse clock lags by up to a check period (two, for a late check): a task shorter than
        // this by it is certainly shorter than the threshold
        long shortNanos = Math.min(thresholdNanos / 2, thresholdNanos - 2 * settings.checkPeriod().toNanos());
        TaskSlot slot = new TaskSlot(Thread.currentThread(), this, thresholdNanos, coarse, shortNanos);
        slots.add(slot);
        timer();
        return slot;
    }

    /**
     * The watcher's timer, started with its slow-task check on first use; null once closed. Its
     * lock is never held while reports are made, so a task's thread never waits for a handler.
     */
    ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t != null || closed) {
            return t;
        }
        synchronized (timerLock) {
            if (timer == null && !closed) {
                t = new ScheduledThreadPoolExecutor(1, WatchService::newThread);
                t.setRemoveOnCancelPolicy(true);
                long period = settings.checkPeriod().toNanos();
                t.scheduleWithFixedDelay(this::check, period, period, TimeUnit.NANOSECONDS);
                timer = t;
            }
            return timer;
        }
    }

    /**
     * The watcher's thread: a daemon, but not one of {@link
     * dev.telltale.core.internal.pipeline.InternalThreads}', whose events the pipeline refuses.
     */
    private static Thread newThread(Runnable task) {
        Thread t = new Thread(task, "telltale-watch");
        t.setDaemon(true);
        return t;
    }

    @Override
    public LoopWatch loop(String name, ScheduledExecutorService loop) {
        return startLoop(name, Objects.requireNonNull(loop, "loop == null"));
    }

    @Override
    public LoopWatch loop(String name) {
        return startLoop(name, null);
    }

    private LoopWatch startLoop(String name, ScheduledExecutorService loop) {
        Objects.requireNonNull(name, "name == null");
        dumps.checkWritable();
        ScheduledExecutorService watcher = timer();
        if (watcher == null) {
            throw new IllegalStateException("cannot watch loop '" + name + "': the pipeline is closed");
        }
        LongSupplier clock = loop instanceof LoopClock c ? c::loopNanoTime : System::nanoTime;
        LoopMonitor monitor = new LoopMonitor(name, this, loop, settings.hangInterval().toNanos(),
                settings.hangDumps(), settings.dumpGap().toNanos(), gcMillis, clock);
        if (loops.putIfAbsent(name, monitor) != null) {
            throw new IllegalArgumentException("a loop named '" + name + "' is watched already");
        }
        LagMonitor lag = null;
        if (loop != null && !settings.lagInterval().isZero()) {
            lag = new LagMonitor(name, loop, settings.lagInterval().toNanos(), clock, events, statsd(),
                    settings.statsdPrefix());
        }
        if (contention != null) {
            watcher.execute(contention::start); // JFR's first start takes a moment: not on the caller's thread
        }
        try {
            monitor.start(watcher, lag, settings.lagReportInterval().toNanos());
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
        return monitor;
    }

    /** The StatsD client, made on first use; null when none is configured or it cannot be made. */
    private StatsdClient statsd() {
        if (settings.statsd() == null) {
            return null;
        }
        synchronized (timerLock) {
            if (statsd == null && !closed) {
                try {
                    statsd = new StatsdClient(settings.statsd());
                } catch (java.net.SocketException e) {
                    LOG.log(Level.WARNING, "telltale: cannot open a UDP socket for StatsD (" + e + "); lag is not sent");
                }
            }
            return statsd;
        }
    }

    void removeLoop(LoopMonitor monitor) {
        loops.remove(monitor.name(), monitor);
    }

    /** The contention recording, or null when off. */
    Contention contention() {
        return contention;
    }

    WatchEvents events() {
        return events;
    }

    HangDumps dumps() {
        return dumps;
    }

    @Override
    public AutoCloseable onSlowTask(SlowTaskHandler handler) {
        return reports.add(Objects.requireNonNull(handler, "handler == null"));
    }

    private boolean quiet(long now) {
        return now - startNanos < quietNanos;
    }

    /** On the watcher thread: reports tasks past the threshold, then what has ended. */
    void check() {
        try {
            coarse.tick();
            long now = System.nanoTime();
            if (!quiet(now)) {
                for (Iterator<TaskSlot> it = slots.iterator(); it.hasNext();) {
                    TaskSlot slot = it.next();
                    long v = slot.version();
                    if ((v & 1) == 0) {
                        if (!slot.thread().isAlive()) {
                            it.remove();
                        }
                        continue;
                    }
                    checkRunning(slot, v, now);
                }
            }
            drainEnded();
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            LOG.log(Level.WARNING, "telltale: slow-task check failed: " + t);
        }
        checks++; // only the watcher thread writes it

    }

    private void checkRunning(TaskSlot slot, long v, long now) {
        TaskSlot.Running r = slot.running(v);
        if (r == null || now - r.startNanos() < slot.thresholdNanos() || slot.claimed(v)) {
            return;
        }
        StackTraceElement[] stack = slot.thread().getStackTrace();
        if (!slot.claim(v)) {
            return;
        }
        String name = TaskNames.of(r.task(), stack);
        long elapsed = System.nanoTime() - r.startNanos();
        synchronized (reportLock) {
            claims.put(slot, new Claimed(r.startNanos(), name));
            reports.report(new SlowTask(SlowTask.Phase.RUNNING, r.executor(), name, slot.thread().getName(),
                    Duration.ofNanos(elapsed), Arrays.asList(stack), true), slot.thread(), elapsed, slot.thresholdNanos());
        }
    }

    /** On the task's thread: hands the end of a slow or reported task to the watcher. */
    @Override
    public void ended(TaskSlot slot, String executor, Object task, long start, long duration, boolean reported) {
        if (closed || !reported && quiet(start + duration)) {
            return; // closed: nothing reports any more
        }
        ended.add(new Ended(slot, executor, task, start, duration, reported));
        ScheduledExecutorService t = timer();
        if (t != null) {
            try {
                t.execute(this::drainEnded);
            } catch (RejectedExecutionException e) {
                // closing: close() reports what is left
            }
        }
    }

    /** Reports the ends handed over; on the watcher thread, or the closing one. */
    void drainEnded() {
        synchronized (reportLock) {
            drainEndedLocked();
        }
    }

    private void drainEndedLocked() {
        for (Ended e; (e = ended.poll()) != null;) {
            try {
                Claimed claim = claims.remove(e.slot);
                String name = claim != null && claim.startNanos == e.start ? claim.name : TaskNames.of(e.task, null);
                Thread thread = e.slot.thread();
                reports.report(new SlowTask(SlowTask.Phase.ENDED, e.executor, name, thread.getName(),
                        Duration.ofNanos(e.duration), List.of(), e.reported), thread, e.duration, e.slot.thresholdNanos());
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
                LOG.log(Level.WARNING, "telltale: slow-task report failed: " + t);
            }
        }
    }

    /** Stops the watcher and reports the ends handed over so far. Idempotent. */
    public void close() {
        for (LoopMonitor monitor : loops.values()) {
            monitor.close();
        }
        ScheduledThreadPoolExecutor t;
        synchronized (timerLock) {
            closed = true;
            t = timer;
        }
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drainEnded();
        if (contention != null) {
            contention.close();
        }
        synchronized (timerLock) {
            if (statsd != null) {
                statsd.close();
            }
        }
    }

    /** How many checks of running tasks were made; for tests. */
    long checks() {
        return checks;
    }

    /** How many threads the watcher follows now; for tests. */
    int slotCount() {
        return slots.size();
    }

    private record Ended(TaskSlot slot, String executor, Object task, long start, long duration, boolean reported) {}

    private record Claimed(long startNanos, String name) {}
}
