package dev.telltale.internal;

import java.util.List;

/**
 * An instrument that starts threads of its own (a {@link dev.telltale.probe.Breakpoint}'s): the
 * probes it was added to end it when they close, joining those threads, so that none outlives its
 * pipeline unseen. Implemented by Telltale's own instruments; the core tracks the ones added.
 */
public interface StartsThreads {

    /** Whether its user closed it already, joining its threads: the probes then leave it alone. */
    boolean closedByUser();

    /**
     * Disarms it for good (paused calls go on, no thread can be started on it any more) and waits
     * until {@code deadlineNanos}, a {@link System#nanoTime()} value, for the threads it started to
     * end. Never throws; an interrupt stops the waiting and is kept.
     *
     * @return the names of the threads it started that still run
     */
    List<String> end(long deadlineNanos);
}
