package dev.telltale.core.internal.pipeline;

import dev.telltale.Event;
import dev.telltale.core.internal.queue.DropOldestQueue;
import java.util.List;

/**
 * The counts for events that left the queue through the publisher: published, refused as too
 * large, failed, or dropped at shutdown, plus those in flight. The publisher settles each batch
 * here; at shutdown the closer may abandon the publisher and settle what it still holds.
 *
 * <p>Every method is synchronized. Producers never call it; the publisher does a few times per
 * batch, so the lock is uncontended but for the moment of shutdown.
 */
final class Ledger {

    /** A consistent copy of the counts. */
    record Totals(long published, long tooLarge, long backendError, long shutdown, long inFlight) {}

    private long published;
    private long tooLarge;
    private long backendError;
    private long shutdown;
    private long inFlight;
    private boolean abandoned;

    /** Moves up to {@code max} events from {@code queue} into {@code batch}, as in flight. */
    synchronized int drain(DropOldestQueue<Event> queue, List<Event> batch, int max) {
        if (abandoned) {
            return 0;
        }
        int n = queue.drainTo(batch, max);
        inFlight += n;
        return n;
    }

    /** Settles in-flight events; ignored once the closer has abandoned the publisher. */
    synchronized void settle(int published, int tooLarge, int backendError, int shutdown) {
        if (abandoned) {
            return;
        }
        this.published += published;
        this.tooLarge += tooLarge;
        this.backendError += backendError;
        this.shutdown += shutdown;
        this.inFlight -= published + tooLarge + backendError + shutdown;
    }

    /**
     * Counts everything in flight as dropped at shutdown and ignores the publisher from now on.
     * Returns how many events that was.
     */
    synchronized long abandon() {
        abandoned = true;
        long n = inFlight;
        shutdown += n;
        inFlight = 0;
        return n;
    }

    /** Empties {@code queue}, counting every event as dropped at shutdown. Returns how many. */
    synchronized long sweep(DropOldestQueue<Event> queue) {
        long n = 0;
        while (queue.poll() != null) {
            n++;
        }
        shutdown += n;
        return n;
    }

    synchronized Totals totals() {
        return new Totals(published, tooLarge, backendError, shutdown, inFlight);
    }
}
