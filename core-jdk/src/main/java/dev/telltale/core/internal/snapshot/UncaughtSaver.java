package dev.telltale.core.internal.snapshot;

import dev.telltale.internal.Fatal;
import dev.telltale.snapshot.Snapshots;

/**
 * The default uncaught-exception handler that saves a snapshot, then hands the exception on to
 * the handler it replaced (or prints it as the JVM would). Runs on the dying thread; never lets
 * its own failure replace the application's exception.
 */
final class UncaughtSaver implements Thread.UncaughtExceptionHandler, Snapshots.Installation {

    private static final Object LOCK = new Object();

    private final CoreSnapshots snapshots;
    private final Thread.UncaughtExceptionHandler previous;
    private volatile boolean closed;

    private UncaughtSaver(CoreSnapshots snapshots, Thread.UncaughtExceptionHandler previous) {
        this.snapshots = snapshots;
        this.previous = previous;
    }

    static UncaughtSaver install(CoreSnapshots snapshots) {
        synchronized (LOCK) {
            UncaughtSaver saver = new UncaughtSaver(snapshots, Thread.getDefaultUncaughtExceptionHandler());
            Thread.setDefaultUncaughtExceptionHandler(saver);
            return saver;
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public void uncaughtException(Thread thread, Throwable error) {
        Throwable fatal = null;
        if (!closed) {
            try {
                snapshots.saveUncaught(thread, error);
            } catch (Throwable t) {
                fatal = t; // rethrown below if fatal, after the exception was handed on all the same
            }
        }
        if (previous != null) {
            previous.uncaughtException(thread, error);
        } else if (!(error instanceof ThreadDeath)) { // what ThreadGroup.uncaughtException prints
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(System.err);
        }
        if (fatal != null) {
            Fatal.propagateIfFatal(fatal);
        }
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            closed = true;
            if (Thread.getDefaultUncaughtExceptionHandler() == this) {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
        }
    }
}
