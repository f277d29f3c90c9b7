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
import java.time.Instant;
import java.util.ArrayDeque;
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
 * too. The turns of a loop the application drives ({@link LoopMonitor}) are checked the same way,
 * each loop with a slot of its own. On JDK 21+, a virtual thread that pins its carrier while it runs (or after it ran) a
 * watched task is reported too, from JFR, after the fact ({@link PinnedCarriers}). Closing stops
 * the thread and reports what had ended.
 */
public final class WatchService implements WatchEngine, TaskSlot.Listener {

    static final System.Logger LOG = System.getLogger("dev.telltale.watch");
    /** How long the slot of an ended virtual thread stays findable: JFR delivers a pin about a second late. */
    private static final long RETAIN_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Most slots of ended virtual threads kept, so a high rate of short tasks holds little. */
    private static final int MAX_RETIRED = 16_384;

    private final WatchSettings settings;
    private final WatchEvents events;
    private final SlowTaskReports reports;
    private final long startNanos = System.nanoTime();
    private final long thresholdNanos;
    private final long quietNanos;
    private final LongSupplier gcMillis;
    private final HangDumps dumps;
    private final Contention contention;
    /** The JFR stream of pinned virtual threads, or null when off. */
    private final PinnedCarriers pinned;
    private final long pinnedThresholdNanos;
    /** The slots of virtual threads by thread id, kept a while after the thread ends (JFR reports late). */
    private final Map<Long, TaskSlot> virtualSlots = new ConcurrentHashMap<>();
    /** Slots of ended virtual threads, oldest first, still in {@link #virtualSlots}; watcher thread only. */
    private final ArrayDeque<Retired> retired = new ArrayDeque<>();
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
        this.pinnedThresholdNanos = settings.pinnedThreshold().toNanos();
        this.pinned = settings.pinnedThreshold().isZero() ? null
                : new PinnedCarriers(settings.pinnedThreshold(), this::pinnedLater);
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public TaskSlot slot() {
        return current.get();
    }

    /**
     * The coarse clock lags by up to a check period (two, for a late check): a task shorter than
     * this by it is certainly shorter than the threshold.
     */
    private long shortNanos() {
        return Math.min(thresholdNanos / 2, thresholdNanos - 2 * settings.checkPeriod().toNanos());
    }

    private TaskSlot register() {
        Thread thread = Thread.currentThread();
        boolean virtual = pinned != null && PinnedCarriers.isVirtual(thread);
        // a virtual thread runs one task and ends: its task stays reachable for a late pinned report
        TaskSlot slot = new TaskSlot(thread, this, thresholdNanos, coarse, shortNanos(), virtual);
        if (virtual) {
            virtualSlots.put(threadId(thread), slot);
        }
        slots.add(slot);
        ScheduledExecutorService t = timer();
        if (pinned != null && pinned.threadSeen(thread) && t != null) {
            try {
                t.execute(pinned::start); // JFR's first start takes a moment: not on the task's thread
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
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

    /**
     * A slot of its own for the turns of an application-driven loop on {@code thread}, checked
     * with the executors' slots until {@link #dropTurns}.
     */
    TaskSlot turns(Thread thread) {
        TaskSlot slot = new TaskSlot(thread, this, thresholdNanos, coarse, shortNanos());
        slots.add(slot);
        return slot;
    }

    /**
     * Stops checking {@code slot} (its loop closed or moved to another thread), and forgets,
     * on the watcher thread, the name of a turn of it reported running that will not end.
     */
    void dropTurns(TaskSlot slot) {
        slots.remove(slot); // gone already if its thread died
        ScheduledExecutorService t = timer();
        if (t != null) {
            try {
                t.execute(() -> {
                    drainEnded(); // an end handed over before the drop keeps the name its running report had
                    synchronized (reportLock) {
                        claims.remove(slot);
                    }
                });
            } catch (RejectedExecutionException e) {
                // closing: the claims go with the service
            }
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
                    // a dead thread runs nothing, whatever its slot says (a loop's thread that died in a turn)
                    boolean alive = slot.thread().isAlive();
                    if ((v & 1) == 0 || !alive) {
                        if (!alive) {
                            it.remove();
                            retire(slot, now);
                        }
                        continue;
                    }
                    checkRunning(slot, v, now);
                }
            }
            drainEnded();
            forgetRetired(now);
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

    /** A slot whose thread ended stays findable by thread id for a while, if it is a virtual thread's. */
    private void retire(TaskSlot slot, long now) {
        if (!virtualSlots.isEmpty() && virtualSlots.get(threadId(slot.thread())) == slot) {
            retired.add(new Retired(slot, now));
        }
    }

    /** Drops retired slots older than {@link #RETAIN_NANOS}, or beyond {@link #MAX_RETIRED}. */
    private void forgetRetired(long now) {
        for (Retired r; (r = retired.peek()) != null;) {
            if (now - r.retiredNanos < RETAIN_NANOS && retired.size() <= MAX_RETIRED) {
                break;
            }
            retired.poll();
            virtualSlots.remove(threadId(r.slot.thread()), r.slot);
        }
    }

    /** On JFR's stream thread: hands a pin to the watcher, which reports it. */
    private void pinnedLater(PinnedCarriers.Pin pin) {
        ScheduledExecutorService t = timer();
        if (t == null) {
            return;
        }
        try {
            t.execute(() -> pinned(pin));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * On the watcher thread: reports {@code pin} as a slow task of the watched executor whose task
     * its virtual thread runs or ran last; a pin of a thread that ran no watched task (or ended
     * too long ago) is left out. Package-private so tests can hand a pin in without JFR.
     */
    void pinned(PinnedCarriers.Pin pin) {
        try {
            TaskSlot slot = virtualSlots.get(pin.threadId());
            if (slot == null) {
                LOG.log(Level.DEBUG, "telltale: pinned virtual thread #" + pin.threadId()
                        + " ran no watched task lately: not reported");
                return;
            }
            TaskSlot.Running r = slot.last(slot.version());
            if (r == null) {
                return;
            }
            long endNanos = System.nanoTime()
                    - Math.max(0, Duration.between(pin.start().plus(pin.duration()), Instant.now()).toNanos());
            if (quiet(endNanos)) {
                return;
            }
            StackTraceElement[] stack = pin.stack().toArray(new StackTraceElement[0]);
            String name = TaskNames.of(r.task(), stack);
            Thread thread = slot.thread();
            String threadName = thread.getName().isEmpty() ? "#" + threadId(thread) : thread.getName();
            synchronized (reportLock) {
                reports.pinned(new SlowTask(SlowTask.Phase.PINNED, r.executor(), name, threadName, pin.duration(),
                        pin.stack(), false), thread, pin.blockingOperation(), pin.pinnedReason(), pin.carrier(),
                        pinnedThresholdNanos);
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            LOG.log(Level.WARNING, "telltale: pinned-thread report failed: " + t);
        }
    }

    /** The JFR stream of pinned virtual threads, or null when off; for tests. */
    PinnedCarriers pinnedCarriers() {
        return pinned;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private static long threadId(Thread thread) {
        return thread.getId();
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
        if (pinned != null) {
            pinned.close();
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

    private record Retired(TaskSlot slot, long retiredNanos) {}

    private record Ended(TaskSlot slot, String executor, Object task, long start, long duration, boolean reported) {}

    private record Claimed(long startNanos, String name) {}
}
