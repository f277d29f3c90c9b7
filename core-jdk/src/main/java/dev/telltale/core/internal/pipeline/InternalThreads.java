package dev.telltale.core.internal.pipeline;

import java.util.Arrays;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Knows which threads are Telltale's own: its publisher, threads made by {@link #factory}, and
 * threads whose names start with a prefix a backend declared for its client library. Events
 * emitted on them are refused, so that a backend client's own logging, fed back through a log
 * bridge, cannot loop into the pipeline.
 *
 * <p>{@link #isInternal} is on the hot path: one type check, plus a name check only when a
 * backend declared prefixes.
 */
public final class InternalThreads {

    /** The type of every thread Telltale starts itself. */
    public static final class InternalThread extends Thread {
        InternalThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }

    private volatile String[] prefixes = new String[0];

    /** Whether {@code thread} is one of Telltale's own. */
    public boolean isInternal(Thread thread) {
        if (thread instanceof InternalThread) {
            return true;
        }
        String[] p = prefixes;
        if (p.length == 0) {
            return false;
        }
        String name = thread.getName();
        for (String prefix : p) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Declares that threads named {@code prefix...} are internal. Idempotent: a prefix already
     * declared, or one that a declared prefix already covers (it starts with it), adds nothing, so
     * a backend may declare its client's threads at every attempt to open its sink without making
     * {@link #isInternal} slower.
     *
     * @throws IllegalArgumentException if {@code prefix} is empty (it would match every thread)
     */
    public synchronized void addPrefix(String prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("empty thread name prefix would match every thread");
        }
        for (String declared : prefixes) {
            if (prefix.startsWith(declared)) {
                return;
            }
        }
        String[] p = Arrays.copyOf(prefixes, prefixes.length + 1);
        p[p.length - 1] = prefix;
        prefixes = p;
    }

    /** How many prefixes {@link #isInternal} checks; for tests. */
    int prefixCount() {
        return prefixes.length;
    }

    /** A daemon thread named {@code name}. */
    public static Thread newThread(Runnable task, String name) {
        return new InternalThread(task, name);
    }

    /**
     * Waits until {@code thread} has ended or {@code System.nanoTime()} reaches {@code deadline},
     * whichever comes first; returns at once when called on {@code thread} itself, which cannot
     * wait for its own end. If interrupted, returns at once with the interrupt status set.
     */
    public static void joinUntil(Thread thread, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0 && thread.isAlive() && Thread.currentThread() != thread) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A factory of daemon threads named {@code telltale-<name>-N}. */
    public static ThreadFactory factory(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> new InternalThread(task, "telltale-" + name + "-" + count.incrementAndGet());
    }
}
