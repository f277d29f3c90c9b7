package dev.telltale.cli;

import dev.telltale.PipelineStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Opens the demo's read-back on a thread of its own, so that the shop never waits for a broker
 * that does not answer: the shop starts at once, and the read-back reports on its own when (and
 * whether) it connected. Remembers how many events had been offered when it did, since a broker
 * delivers only what was published after the subscription was in place.
 */
final class DemoReadBackLink {

    /** Opens the read-back; {@link DemoReadBack#open} in the demo, something slower in tests. */
    interface Opener {
        DemoReadBack open(String backend, Map<String, String> settings) throws Exception;
    }

    private final String backend;
    private final Thread thread;
    private DemoReadBack readBack;
    private String failure;
    private long offeredBefore;
    private boolean closed;

    private DemoReadBackLink(String backend, Thread thread) {
        this.backend = backend;
        this.thread = thread;
    }

    /**
     * Starts opening the read-back of {@code backend}; {@code offered} reads the pipeline's count
     * of events offered so far. A failure is printed to {@code out} when it happens.
     */
    static DemoReadBackLink start(Opener opener, String backend, Map<String, String> settings, LongSupplier offered,
            PrintStream out) {
        DemoReadBackLink[] self = new DemoReadBackLink[1];
        Thread thread = new Thread(() -> self[0].open(opener, settings, offered, out), "telltale-demo-readback-open");
        thread.setDaemon(true); // a broker that never answers must not keep the demo alive
        self[0] = new DemoReadBackLink(backend, thread);
        thread.start();
        return self[0];
    }

    private void open(Opener opener, Map<String, String> settings, LongSupplier offered, PrintStream out) {
        DemoReadBack opened;
        try {
            opened = opener.open(backend, settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            synchronized (this) {
                failure = String.valueOf(e.getMessage());
            }
            out.println("Cannot read events back through the " + backend + " backend (" + e.getMessage()
                    + "); the summary will show the pipeline's own counts.");
            return;
        }
        long before = offered.getAsLong();
        synchronized (this) {
            if (!closed) {
                readBack = opened;
                offeredBefore = before;
                return;
            }
        }
        closeQuietly(opened); // the run ended while it was connecting
    }

    /** The read-back if it has connected, else null; never waits. */
    synchronized DemoReadBack readBack() {
        return readBack;
    }

    /** Why it could not be opened, or null. */
    synchronized String failure() {
        return failure;
    }

    /** Events the pipeline had been offered when the read-back was subscribed. */
    synchronized long offeredBefore() {
        return offeredBefore;
    }

    /** Whether the read-back sees every event of the run, wherever it subscribed: the file backend's reads from the start. */
    boolean readsFromTheStart() {
        return backend.equals("file");
    }

    /**
     * Ends the read-back after the run: waits (bounded) for what it can expect to arrive, never
     * for it to connect, then closes it.
     */
    Result finish(PipelineStats stats) throws InterruptedException {
        DemoReadBack open = readBack();
        try {
            if (open == null) {
                return new Result(null, -1, 0, failure());
            }
            long missable = readsFromTheStart() ? 0 : offeredBefore();
            long arrived = open.await(Math.max(0, stats.published() - missable), Duration.ofSeconds(10));
            if (missable > 0 && arrived < stats.published()) {
                arrived = open.await(stats.published(), Duration.ofSeconds(1)); // a little longer for the rest
            }
            return new Result(open, arrived, missable, null);
        } finally {
            close();
        }
    }

    /**
     * The read-back's part of the summary: {@code readBack} null when it never connected ({@code
     * failure} says why, or it was still connecting); {@code missable} events were offered before
     * it subscribed through a backend that delivers only what is published afterwards.
     */
    record Result(DemoReadBack readBack, long arrived, long missable, String failure) {}

    /** Stops the read-back, or, if it is still connecting, closes it as soon as it connects. */
    void close() {
        DemoReadBack open;
        synchronized (this) {
            closed = true;
            open = readBack;
        }
        if (open != null) {
            closeQuietly(open);
        } else {
            thread.interrupt();
        }
    }

    private static void closeQuietly(DemoReadBack readBack) {
        try {
            readBack.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the run is over; nothing depends on a clean close
        }
    }
}
