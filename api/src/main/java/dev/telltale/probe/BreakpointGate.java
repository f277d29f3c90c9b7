package dev.telltale.probe;

import dev.telltale.internal.Fatal;
import dev.telltale.internal.StartsThreads;
import dev.telltale.internal.ThrowToTarget;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The instrument behind a {@link Breakpoint}, and all of its state under one lock: the hits, the
 * frames kept, the calls paused now, the threads the breakpoint started and what they threw.
 * {@link #record} runs on the application's thread inside the probed call and, in the pausing
 * form, waits there on {@code resumed}; the test's thread waits on {@code arrived} in {@link
 * #awaitHits}. Nothing spins; every wait is bounded. When the probes it was made on close they
 * {@link #end} it: no thread starts after that, and they join the ones started before.
 */
final class BreakpointGate implements Instrument, StartsThreads {

    /** How many frames are kept; past that the oldest go (hits are still counted). */
    static final int FRAMES_KEPT = 10_000;

    private final String description;
    private final boolean pause;
    private final Supplier<? extends Throwable> error;
    private final long maxPauseNanos;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a hit arrives, a started thread fails, or the gate is disarmed. */
    private final Condition arrived = lock.newCondition();
    /** Signalled on release and when the gate is disarmed. */
    private final Condition resumed = lock.newCondition();

    // all guarded by lock
    private long hits;
    private final ArrayDeque<Breakpoint.Frame> frames = new ArrayDeque<>();
    private Breakpoint.Frame last;
    private final List<Breakpoint.Frame> paused = new ArrayList<>();
    private long generation;
    private int outwaited;
    private boolean disarmed;
    private boolean closed;
    private boolean ended; // by its probes' close
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<String> failedThreads = new ArrayList<>();

    /**
     * @param description names the breakpoint in messages
     * @param pause whether a hit waits for a release
     * @param error what a hit throws into the target, or null
     * @param maxPauseNanos the longest one hit waits
     */
    BreakpointGate(String description, boolean pause, Supplier<? extends Throwable> error, long maxPauseNanos) {
        this.description = description;
        this.pause = pause;
        this.error = error;
        this.maxPauseNanos = maxPauseNanos;
    }

    // ---- the application's side

    @Override
    public void record(Hit hit) {
        Breakpoint.Frame frame = copy(hit);
        lock.lock();
        try {
            if (disarmed) {
                return;
            }
            hits++;
            if (frames.size() == FRAMES_KEPT) {
                frames.removeFirst();
            }
            frames.addLast(frame);
            last = frame;
            arrived.signalAll();
            if (pause) {
                pause(frame);
            }
        } finally {
            lock.unlock();
        }
        if (error != null) {
            throw new ThrowToTarget(failure());
        }
    }

    private static Breakpoint.Frame copy(Hit hit) {
        Object[] args = new Object[hit.argCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = hit.arg(i);
        }
        return new Breakpoint.Frame(hit.thread(), hit.self(), Collections.unmodifiableList(Arrays.asList(args)),
                hit.result(), hit.exception());
    }

    /** Under the lock: waits for a release, the gate's end, an interrupt or maxPause. */
    private void pause(Breakpoint.Frame frame) {
        paused.add(frame);
        long mine = generation;
        long left = maxPauseNanos;
        boolean interrupted = false;
        try {
            while (generation == mine && !disarmed) {
                if (left <= 0) {
                    outwaited++;
                    break;
                }
                try {
                    left = resumed.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        } finally {
            removeIdentical(paused, frame);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes {@code frame} itself: a frame's equals would call the arguments' own. */
    private static void removeIdentical(List<Breakpoint.Frame> list, Breakpoint.Frame frame) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == frame) {
                list.remove(i);
                return;
            }
        }
    }

    /** What the fail form throws into the target: the supplier's error, or what the supplier threw. */
    private Throwable failure() {
        Throwable t;
        try {
            t = error.get();
        } catch (Throwable thrown) {
            Fatal.propagateIfFatal(thrown);
            t = thrown;
        }
        return t != null ? t : new NullPointerException("the error supplier of the " + description + " returned null");
    }

    /** The instrument left its probe (removed, expired, detached): paused calls go on, later hits are ignored. */
    @Override
    public void close() {
        lock.lock();
        try {
            disarmed = true;
            resumed.signalAll();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- the test's side

    /** Lets every call paused now go on. */
    void release() {
        lock.lock();
        try {
            generation++;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the breakpoint closed and disarms it; false if it was closed already. */
    boolean shut() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        close();
        return true;
    }

    /**
     * Waits at most {@code nanos} until {@code enough} hits arrived, the gate was disarmed or a
     * started thread failed; returns the hits then.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    long awaitHits(long enough, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (hits < enough && !disarmed && failures.isEmpty() && left > 0) {
                left = arrived.awaitNanos(left);
            }
            return hits;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts {@code thread} and keeps it for joining, unless the breakpoint is closed or its
     * probes closed: under the lock, so that a close cannot slip between the two and leave a
     * thread it does not join.
     *
     * @return false if the breakpoint is closed (the thread is not started)
     */
    boolean start(Thread thread) {
        lock.lock();
        try {
            if (closed || ended) {
                return false;
            }
            threads.add(thread);
            thread.start();
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- the probes' side

    @Override
    public boolean closedByUser() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> end(long deadlineNanos) {
        List<Thread> started;
        lock.lock();
        try {
            ended = true;
            started = List.copyOf(threads);
        } finally {
            lock.unlock();
        }
        close();
        List<String> running = new ArrayList<>();
        boolean interrupted = false;
        for (Thread t : started) {
            if (!interrupted && t != Thread.currentThread()) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadlineNanos - System.nanoTime()));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (t.isAlive()) {
                running.add(t.getName());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return running;
    }

    /** A started thread threw {@code t}. */
    void threadFailed(Thread thread, Throwable t) {
        lock.lock();
        try {
            failures.add(t);
            failedThreads.add(thread.getName());
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long hits() {
        lock.lock();
        try {
            return hits;
        } finally {
            lock.unlock();
        }
    }

    int paused() {
        lock.lock();
        try {
            return paused.size();
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the counts and failures, for messages and queries. */
    State state() {
        lock.lock();
        try {
            return new State(hits, paused.size(), outwaited, disarmed, closed, List.copyOf(threads),
                    List.copyOf(failures), List.copyOf(failedThreads));
        } finally {
            lock.unlock();
        }
    }

    /** The first call paused now, else the last recorded, else null. */
    Breakpoint.Frame frame() {
        lock.lock();
        try {
            return paused.isEmpty() ? last : paused.get(0);
        } finally {
            lock.unlock();
        }
    }

    List<Breakpoint.Frame> frames() {
        lock.lock();
        try {
            return List.copyOf(frames);
        } finally {
            lock.unlock();
        }
    }

    /** The gate's state at one moment. */
    record State(long hits, int paused, int outwaited, boolean disarmed, boolean closed, List<Thread> threads,
            List<Throwable> failures, List<String> failedThreads) {}
}
