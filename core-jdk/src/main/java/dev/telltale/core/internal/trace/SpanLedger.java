package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.queue.DropOldestQueue;
import dev.telltale.trace.FinishedSpan;

/**
 * The Zipkin reporter's counts for spans that left its queue: sent, dropped as too large, failed,
 * or dropped at shutdown, plus those in flight. The reporter's thread takes spans through it and
 * settles each batch here; at close the closer may abandon that thread and settle what it holds.
 *
 * <p>Every method is synchronized. Application threads never call it (they only offer to the
 * queue); the reporter does once per span and batch, so the lock is uncontended but at close.
 */
final class SpanLedger {

    /** A consistent copy of the counts. */
    record Totals(long published, long tooLarge, long backendError, long shutdown) {}

    private final DropOldestQueue<FinishedSpan> queue;
    private long published;
    private long tooLarge;
    private long backendError;
    private long shutdown;
    private long inFlight;
    private boolean abandoned;

    SpanLedger(DropOldestQueue<FinishedSpan> queue) {
        this.queue = queue;
    }

    /** Takes the oldest queued span, as in flight; null when none, or once abandoned. */
    synchronized FinishedSpan take() {
        if (abandoned) {
            return null;
        }
        FinishedSpan span = queue.poll();
        if (span != null) {
            inFlight++;
        }
        return span;
    }

    /** Settles in-flight spans; ignored once abandoned. */
    synchronized void settle(long sent, long large, long failed, long stopped) {
        if (abandoned) {
            return;
        }
        published += sent;
        tooLarge += large;
        backendError += failed;
        shutdown += stopped;
        inFlight -= sent + large + failed + stopped;
    }

    /**
     * Counts what is in flight and queued as dropped (shutdown) and ignores the reporter from now
     * on. Returns how many spans that was.
     */
    synchronized long abandon() {
        abandoned = true;
        long n = inFlight + drain();
        shutdown += n;
        inFlight = 0;
        return n;
    }

    /** The reporter stops: what it still holds, and what is queued, is dropped (shutdown). */
    synchronized void finish() {
        if (!abandoned) {
            shutdown += inFlight;
            inFlight = 0;
        }
        sweep();
    }

    /** Empties the queue, counting each span as dropped (shutdown). */
    synchronized void sweep() {
        shutdown += drain();
    }

    private long drain() {
        long n = 0;
        while (queue.poll() != null) {
            n++;
        }
        return n;
    }

    synchronized Totals totals() {
        return new Totals(published, tooLarge, backendError, shutdown);
    }
}
