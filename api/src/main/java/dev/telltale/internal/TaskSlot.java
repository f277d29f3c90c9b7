package dev.telltale.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one thread is running for a watched executor, read by the watcher thread: the task, its
 * executor's name and when it began. The owning thread calls {@link #begin} and {@link #end}
 * around each task (a decorated executor does); a watcher thread reads it with {@link #version},
 * {@link #running} and {@link #claim}, and reports a task that runs too long while it still runs.
 * When the task ends, the owning thread tells the {@link Listener} if the task was reported or
 * ran at least the threshold, so every slow episode gets exactly one report when it ends.
 *
 * <p><b>Threading.</b> {@link #begin} and {@link #end} only on the owning thread; the reading
 * methods on any thread. The owner writes the task's data while idle, then publishes it with an
 * odd version (a release store); a reader takes a version, reads the data and checks the version
 * again, so it never mixes two tasks' data. Begin and end take no lock and allocate nothing, and
 * a task that was certainly short by a {@link CoarseClock} costs one clock call, not two; a
 * task that runs nested inside another on the same thread (an executor that runs on the caller)
 * is part of the outer one.
 */
public final class TaskSlot {

    /** Told on the owning thread when a slow or reported task ends. Must not block. */
    public interface Listener {
        /**
         * The task that began at {@code startNanos} ({@link System#nanoTime()}) ended after
         * {@code durationNanos}; {@code reportedRunning} says whether a watcher claimed it while
         * it ran.
         */
        void ended(TaskSlot slot, String executor, Object task, long startNanos, long durationNanos,
                boolean reportedRunning);
    }

    private static final VarHandle VERSION;
    private static final VarHandle CLAIM;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            VERSION = lookup.findVarHandle(TaskSlot.class, "version", long.class);
            CLAIM = lookup.findVarHandle(TaskSlot.class, "claimed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread;
    private final Listener listener;
    private final long thresholdNanos;
    private final CoarseClock coarse;
    private final long shortNanos;
    private final boolean keepLastTask;

    /** Odd while a task runs, even while idle; each task adds two. */
    private volatile long version;
    /** The version a watcher reported while it ran; 0 or an older version otherwise. */
    private volatile long claimed;
    private int depth;
    private String executor;
    private Object task;
    private long startNanos;

    /**
     * The slot of {@code thread}, whose tasks are slow from {@code thresholdNanos} on. A task that
     * by {@code coarse} took less than {@code shortNanos} is certainly short: its end reads no
     * clock. {@code shortNanos} must leave room for how far {@code coarse} may lag (half the
     * threshold for a clock refreshed every quarter of it).
     *
     * @throws NullPointerException if an argument is null
     */
    public TaskSlot(Thread thread, Listener listener, long thresholdNanos, CoarseClock coarse, long shortNanos) {
        this(thread, listener, thresholdNanos, coarse, shortNanos, false);
    }

    /**
     * As {@link #TaskSlot(Thread, Listener, long, CoarseClock, long)}; with {@code keepLastTask}
     * the task that ended last stays reachable until the next begins (for {@link #last}), which
     * suits a thread that runs one task and ends, as a virtual thread of a thread-per-task
     * executor does.
     *
     * @throws NullPointerException if an argument is null
     */
    public TaskSlot(Thread thread, Listener listener, long thresholdNanos, CoarseClock coarse, long shortNanos,
            boolean keepLastTask) {
        if (thread == null || listener == null || coarse == null) {
            throw new NullPointerException(thread == null ? "thread == null" : listener == null ? "listener == null"
                    : "coarse == null");
        }
        this.thread = thread;
        this.listener = listener;
        this.thresholdNanos = thresholdNanos;
        this.coarse = coarse;
        this.shortNanos = shortNanos;
        this.keepLastTask = keepLastTask;
    }

    /** As {@link #TaskSlot(Thread, Listener, long, CoarseClock, long)}, always reading the clock at the end. */
    public TaskSlot(Thread thread, Listener listener, long thresholdNanos) {
        this(thread, listener, thresholdNanos, new CoarseClock(), Long.MIN_VALUE);
    }

    /** The owning thread. */
    public Thread thread() {
        return thread;
    }

    /** The threshold from which a task counts as slow, in nanoseconds. */
    public long thresholdNanos() {
        return thresholdNanos;
    }

    /** On the owning thread: {@code task} of {@code executor} starts now. */
    public void begin(String executor, Object task) {
        begin(executor, task, System.nanoTime());
    }

    /**
     * On the owning thread: {@code task} of {@code executor} started at {@code startNanos}
     * ({@link System#nanoTime()}), for a caller that read the clock already.
     */
    public void begin(String executor, Object task, long startNanos) {
        if (depth++ > 0) {
            return;
        }
        // the even version stored by the last end() must be visible before the data changes
        VarHandle.storeStoreFence();
        this.executor = executor;
        this.task = task;
        this.startNanos = startNanos;
        VERSION.setRelease(this, version + 1);
    }

    /** On the owning thread: the task begun last has ended. Never throws (fatal errors aside). */
    public void end() {
        if (--depth > 0) {
            return;
        }
        if (depth < 0) { // end() without begin(): ignore rather than corrupt the versions
            depth = 0;
            return;
        }
        long start = startNanos;
        long v = version;
        String ex = executor;
        Object t = task;
        if (!keepLastTask) {
            task = null; // do not keep the task reachable while idle
        }
        version = v + 1; // a volatile store: ordered before the read of claimed below
        boolean reported = claimed != 0 && (long) CLAIM.getAndSet(this, 0L) == v;
        if (!reported && coarse.now() - start < shortNanos) {
            return; // certainly shorter than the threshold: no clock call
        }
        long duration = System.nanoTime() - start;
        if (reported || duration >= thresholdNanos) {
            try {
                listener.ended(this, ex, t, startNanos, duration, reported);
            } catch (Throwable e) {
                Fatal.propagateIfFatal(e);
            }
        }
    }

    /** The current version: odd while a task runs. */
    public long version() {
        return (long) VERSION.getAcquire(this);
    }

    /**
     * What runs in version {@code v}, or null if the slot has moved on (read the version first,
     * then this).
     */
    public Running running(long v) {
        if ((v & 1) == 0) {
            return null;
        }
        String ex = executor;
        Object t = task;
        long start = startNanos;
        VarHandle.loadLoadFence();
        if ((long) VERSION.getAcquire(this) != v) {
            return null;
        }
        return new Running(ex, t, start, v);
    }

    /**
     * The task that version {@code v} ran: the running one for an odd version (as {@link
     * #running}), else the one that ended last (its task null unless the slot keeps it), or null
     * if the slot has moved on or never ran a task. Exact for an odd version and once the owning
     * thread has terminated; for an idle live thread it may name the task that begins next.
     */
    public Running last(long v) {
        if ((v & 1) != 0) {
            return running(v);
        }
        if (v == 0) {
            return null;
        }
        String ex = executor;
        Object t = task;
        long start = startNanos;
        VarHandle.loadLoadFence();
        if ((long) VERSION.getAcquire(this) != v) {
            return null;
        }
        return new Running(ex, t, start, v);
    }

    /** Whether version {@code v} was claimed already (a cheap check before {@link #claim}). */
    public boolean claimed(long v) {
        return claimed == v;
    }

    /**
     * Claims version {@code v} for a report while it runs. Returns false if it was claimed
     * before or has ended (and its end does not know of this claim); true means the owner will
     * report its end as reported while running, so the claimer must report it running.
     */
    public boolean claim(long v) {
        long c = claimed;
        if (c == v || !CLAIM.compareAndSet(this, c, v)) {
            return false;
        }
        if (version == v) {
            return true; // still running: its end will see the claim
        }
        // it ended meanwhile: undo, unless the owner already took the claim
        return !CLAIM.compareAndSet(this, v, 0L);
    }

    /** A task as a reader saw it. */
    public record Running(String executor, Object task, long startNanos, long version) {}
}
