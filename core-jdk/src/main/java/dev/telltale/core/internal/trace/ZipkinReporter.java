package dev.telltale.core.internal.trace;

import dev.telltale.PipelineStats;
import dev.telltale.core.internal.queue.DropOldestQueue;
import dev.telltale.internal.Durations;
import dev.telltale.internal.Fatal;
import dev.telltale.trace.FinishedSpan;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The loop of the {@code telltale-zipkin} thread: waits for a full batch or the interval, takes
 * spans through the {@link SpanLedger}, encodes them into batches within the count and byte
 * bounds, posts each with retries and backoff, settles every span, and reports the counts every
 * health interval and once at the end. At close it sends what is queued until the close deadline.
 */
final class ZipkinReporter implements Runnable {

    private static final System.Logger LOG = ZipkinSink.LOG;

    private final ZipkinSink sink;
    private final ZipkinSettings settings;
    private final DropOldestQueue<FinishedSpan> queue;
    private final SpanLedger ledger;
    private final ZipkinSender sender;
    private final ZipkinEncoder encoder;
    private final ZipkinEncoder.Batch batch;
    private final Consumer<PipelineStats> health;
    private final int wakeThreshold;
    private final long healthPeriod;
    private long nextHealth = Long.MAX_VALUE;
    /** Whether this thread is parked waiting for spans; read by producers to decide to wake it. */
    volatile boolean parked;
    private volatile String lastError;
    /** The encoder holds a span, taken and in flight, that did not fit the last batch. */
    private boolean carried;
    private boolean failing;

    ZipkinReporter(ZipkinSink sink, ZipkinSettings settings, DropOldestQueue<FinishedSpan> queue, SpanLedger ledger,
            ZipkinSender sender, Consumer<PipelineStats> health, int wakeThreshold) {
        this.sink = sink;
        this.settings = settings;
        this.queue = queue;
        this.ledger = ledger;
        this.sender = sender;
        this.encoder = new ZipkinEncoder(settings.maxChars(), settings.batchMaxBytes() - 2);
        this.batch = new ZipkinEncoder.Batch(Math.min(settings.batchMaxBytes(), 64 << 10));
        this.health = health;
        this.wakeThreshold = wakeThreshold;
        this.healthPeriod = Durations.nanos(settings.healthInterval());
    }

    /** What the last POST failed with while Zipkin is failing; null while it takes spans. */
    String lastError() {
        return lastError;
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (InterruptedException e) {
            // close() gave up on this thread and counted what it held
        } catch (Throwable t) { // nothing would restart this thread
            LOG.log(Level.ERROR, "telltale: the Zipkin reporter stopped on an unexpected error (a Telltale bug)", t);
        } finally {
            carried = false;
            ledger.finish();
            sink.reporterFinished();
            sender.close();
            reportHealth();
        }
    }

    private void loop() throws InterruptedException {
        long interval = Durations.nanos(settings.interval());
        long nextFlush = System.nanoTime() + interval;
        nextHealth = healthPeriod > 0 ? System.nanoTime() + healthPeriod : Long.MAX_VALUE;
        while (!sink.isClosed()) {
            long now = System.nanoTime();
            boolean due = now - nextFlush >= 0;
            if (queue.size() >= wakeThreshold || (due && (queue.size() > 0 || carried))) {
                sendQueued();
                nextFlush = System.nanoTime() + interval;
            } else if (due) {
                nextFlush = now + interval;
            }
            healthIfDue();
            long wake = healthPeriod > 0 && nextHealth - nextFlush < 0 ? nextHealth : nextFlush;
            long wait = wake - System.nanoTime();
            if (wait > 0 && queue.size() < wakeThreshold) {
                parked = true;
                if (!sink.isClosed() && queue.size() < wakeThreshold) {
                    LockSupport.parkNanos(this, wait);
                }
                parked = false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        sendQueued(); // closing: what is queued, until the close deadline
    }

    /**
     * Reports the counts when the health interval is up. Called between batches too: while Zipkin
     * is down and spans keep coming, {@link #sendQueued} may not return for a long time, which is
     * when the counts matter most. A report is late by at most one batch's attempts.
     */
    private void healthIfDue() {
        if (healthPeriod > 0 && System.nanoTime() - nextHealth >= 0) {
            reportHealth();
            nextHealth = System.nanoTime() + healthPeriod;
        }
    }

    private void reportHealth() {
        if (healthPeriod <= 0) {
            return;
        }
        try {
            health.accept(sink.stats());
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            LOG.log(Level.DEBUG, "telltale: the Zipkin reporter's health report failed", t);
        }
    }

    /** Sends batches until the queue is empty (or, closing, the deadline has passed). */
    private void sendQueued() throws InterruptedException {
        while (!sink.pastCloseDeadline()) {
            fillBatch();
            if (batch.spans() == 0) {
                return;
            }
            send();
            healthIfDue();
        }
    }

    /** Takes spans into the batch up to its count and byte bounds; drops those too large alone. */
    private void fillBatch() {
        batch.clear();
        while (batch.spans() < settings.batchSize()) {
            if (!carried) {
                FinishedSpan span = ledger.take();
                if (span == null) {
                    return;
                }
                if (encodeShielded(span) < 0) {
                    ledger.settle(0, 1, 0, 0);
                    continue;
                }
                carried = true;
            }
            if (batch.spans() > 0 && batch.sizeWith(encoder.lastSize()) > settings.batchMaxBytes()) {
                return; // the carried span starts the next batch
            }
            encoder.appendTo(batch);
            carried = false;
        }
    }

    private int encodeShielded(FinishedSpan span) {
        try {
            return encoder.encode(span);
        } catch (RuntimeException e) { // a Telltale bug: count the span as too large, keep the reporter
            LOG.log(Level.DEBUG, "telltale: cannot encode a span for Zipkin", e);
            return -1;
        }
    }

    /** Posts the batch, retrying with backoff; settles its spans either way. */
    private void send() throws InterruptedException {
        batch.finish();
        int spans = batch.spans();
        for (int attempt = 1; ; attempt++) {
            ZipkinSender.Result result = sender.post(batch.bytes(), batch.size());
            switch (result.outcome()) {
                case ACCEPTED -> {
                    recovered(); // first: once the spans count as published, the error is gone too
                    ledger.settle(spans, 0, 0, 0);
                    return;
                }
                case TOO_LARGE -> {
                    failed(result.error() + "; " + spans + " spans dropped (too-large)");
                    ledger.settle(0, spans, 0, 0);
                    return;
                }
                case REFUSED -> {
                    failed(result.error() + "; " + spans + " spans dropped (backend-error)");
                    ledger.settle(0, 0, spans, 0);
                    return;
                }
                default -> {
                    if (attempt >= settings.retryAttempts()) {
                        failed(result.error() + "; " + spans + " spans dropped (backend-error) after " + attempt
                                + " attempts");
                        ledger.settle(0, 0, spans, 0);
                        return;
                    }
                    failed(result.error() + "; retrying");
                    if (!backOff(attempt)) {
                        ledger.settle(0, 0, 0, spans);
                        return;
                    }
                }
            }
        }
    }

    /** Waits before attempt {@code failures + 1}; false when closing and past the deadline. */
    private boolean backOff(int failures) throws InterruptedException {
        long until = System.nanoTime() + backoffNanos(settings, failures);
        while (true) {
            if (sink.pastCloseDeadline()) {
                return false;
            }
            long left = sink.cappedByCloseDeadline(until) - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** {@code backoff * 2^(failures-1)}, at most {@code maxBackoff}; 0 for no failure. */
    static long backoffNanos(ZipkinSettings settings, int failures) {
        long base = Durations.nanos(settings.backoff());
        long cap = Durations.nanos(settings.maxBackoff());
        if (failures <= 0 || base == 0) {
            return 0;
        }
        int shift = Math.min(failures - 1, 62);
        return base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    }

    private void failed(String error) {
        if (!failing) {
            LOG.log(Level.WARNING, "telltale: cannot send spans to Zipkin: " + error
                    + " (further failures are logged at DEBUG until it recovers)");
        } else {
            LOG.log(Level.DEBUG, "telltale: cannot send spans to Zipkin: " + error);
        }
        failing = true;
        lastError = error;
    }

    private void recovered() {
        if (failing) {
            LOG.log(Level.INFO, "telltale: Zipkin at " + settings.endpoint() + " takes spans again");
        }
        failing = false;
        lastError = null;
    }
}
