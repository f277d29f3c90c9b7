package dev.telltale.core.internal.trace;

import dev.telltale.PipelineStats;
import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.queue.DropOldestQueue;
import dev.telltale.internal.Durations;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.trace.FinishedSpan;
import java.lang.System.Logger.Level;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends finished spans to a Zipkin server: a bounded queue that application threads add to, and
 * one background thread ({@code telltale-zipkin}) that encodes them as Zipkin v2 JSON and posts
 * them in batches (by count, bytes and interval; {@link ZipkinSettings}).
 *
 * <p><b>Callers</b> of {@link #accept} never block, never take a lock and never see an exception
 * (fatal errors aside). <b>Drops</b>: a full queue drops its oldest span ({@code queue-full}); a
 * span that alone encodes to more than a batch may hold, or a batch Zipkin answers 413, is dropped
 * as {@code too-large}; a batch that still fails after the retries (capped exponential backoff), or
 * that Zipkin refuses with another 4xx, as {@code backend-error}; what is left when {@link #close}
 * runs out of time, and spans offered after it, as {@code shutdown}. Every span offered is sent,
 * dropped for one reason, or pending: {@code offered = published + dropped + pending} in every
 * {@link #stats()}. The counts go to the health consumer every health interval and once at close
 * ({@link ZipkinHealth} makes them a {@code telltale.health} event with backend {@code zipkin} and
 * a JFR {@code dev.telltale.PipelineHealth}); the first failure of an outage is logged at WARNING,
 * the rest at DEBUG, and the recovery at INFO.
 */
public final class ZipkinSink implements SpanSink {

    static final System.Logger LOG = System.getLogger("dev.telltale");

    /** The backend name in the stats and health reports. */
    public static final String BACKEND = "zipkin";

    private final ZipkinSettings settings;
    private final DropOldestQueue<FinishedSpan> queue;
    private final ZipkinSender sender;
    private final ZipkinEncoder encoder;
    private final ZipkinEncoder.Batch batch;
    private final Consumer<PipelineStats> health;
    private final Thread thread;
    private final int wakeThreshold;
    private final LongAdder afterClose = new LongAdder();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean parked;
    private volatile boolean closed;
    private volatile boolean finished;
    private volatile long closeDeadline;
    private volatile String lastError;

    // the ledger of spans taken from the queue; guarded by this
    private long published;
    private long tooLarge;
    private long backendError;
    private long shutdown;
    private long inFlight;
    private boolean abandoned;

    // the reporter thread's own
    private boolean carried;
    private boolean failing;

    private ZipkinSink(ZipkinSettings settings, Consumer<PipelineStats> health) {
        this.settings = settings;
        this.queue = new DropOldestQueue<>(settings.queueCapacity(), settings.queueMaxBytes());
        this.sender = new ZipkinSender(settings.endpoint(), settings.timeout());
        this.encoder = new ZipkinEncoder(settings.maxChars(), settings.batchMaxBytes() - 2);
        this.batch = new ZipkinEncoder.Batch(Math.min(settings.batchMaxBytes(), 64 << 10));
        this.health = health;
        this.wakeThreshold = Math.max(1, Math.min(settings.batchSize(), settings.queueCapacity() / 2));
        // not one of InternalThreads' threads: its health events must reach the pipeline
        this.thread = new Thread(this::run, "telltale-zipkin");
        thread.setDaemon(true);
    }

    /**
     * Starts a reporter.
     *
     * @param health gets the counts every {@code settings.healthInterval()} and once at close, on
     *     the reporter's thread; what it throws is logged and ignored
     */
    public static ZipkinSink start(ZipkinSettings settings, Consumer<PipelineStats> health) {
        ZipkinSink sink = new ZipkinSink(settings, health);
        sink.thread.start();
        return sink;
    }

    /**
     * The {@link SpanSink.Factory} of the Zipkin reporter: a started sink when {@code
     * telltale.trace.zipkin.url} is set, else null. Its health reports go to JFR at once, and as
     * {@code telltale.health} events once {@link #bind} names the engine.
     *
     * @throws IllegalArgumentException if the URL was set in code and is malformed
     */
    public static ZipkinSink fromConfig(Config config) {
        ZipkinSettings settings = ZipkinSettings.from(config, warning -> LOG.log(Level.WARNING, "telltale: " + warning));
        if (settings == null) {
            return null;
        }
        ZipkinHealth health = new ZipkinHealth();
        ZipkinSink sink = start(settings, health);
        health.lastError(sink::lastError);
        return sink;
    }

    /** Sends this reporter's health events into {@code engine}'s pipeline from now on. */
    public void bind(Engine engine) {
        if (health instanceof ZipkinHealth h) {
            h.bind(engine);
        }
    }

    /** Queues {@code span} to be sent. Never blocks, never throws (but fatally). */
    @Override
    public void accept(FinishedSpan span) {
        try {
            if (closed) {
                afterClose.increment();
                return;
            }
            queue.offer(span, (int) Math.min(estimate(span), queue.maxBytes()));
            if (parked && queue.size() >= wakeThreshold) {
                LockSupport.unpark(thread);
            }
            if (closed) {
                // close() raced with this offer: do not leave the span stranded in the queue
                VarHandle.fullFence();
                if (finished) {
                    sweep();
                }
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    /** A span's encoded size, estimated from its strings (two bytes a char) and a fixed part. */
    static long estimate(FinishedSpan span) {
        long chars = span.name().length() + span.localService().length();
        for (var tag : span.tags().entrySet()) {
            chars += String.valueOf(tag.getKey()).length() + String.valueOf(tag.getValue()).length() + 6;
        }
        for (FinishedSpan.Annotation a : span.annotations()) {
            chars += a.value().length() + 40;
        }
        if (span.error() != null) {
            chars += span.error().length() + 10;
        }
        if (span.remote() != null) {
            chars += 80 + String.valueOf(span.remote().serviceName()).length();
        }
        return 220 + 2 * chars;
    }

    /** The counts now; {@code offered = published + dropped + pending}. */
    public PipelineStats stats() {
        if (finished && queue.size() > 0) {
            sweep();
        }
        long sent;
        long large;
        long failed;
        long stopped;
        synchronized (this) {
            sent = published;
            large = tooLarge;
            failed = backendError;
            stopped = shutdown;
        }
        long evicted = queue.evicted();
        long after = afterClose.sum();
        long offered = queue.offered() + after; // read last: never less than what was settled
        long dropped = evicted + large + failed + stopped + after;
        return PipelineStats.builder()
                .backend(BACKEND)
                .offered(offered)
                .published(sent)
                .droppedQueueFull(evicted)
                .droppedTooLarge(large)
                .droppedBackendError(failed)
                .droppedShutdown(stopped + after)
                .pending(offered - sent - dropped)
                .queueDepth(queue.size())
                .queueBytes(Math.max(0, queue.bytes()))
                .build();
    }

    /** What the last POST failed with while Zipkin is failing; null while it takes spans. */
    public String lastError() {
        return lastError;
    }

    /** Where spans go. */
    public java.net.URI endpoint() {
        return settings.endpoint();
    }

    /**
     * Stops taking spans, sends what is queued within the settings' close timeout, counts the rest
     * as dropped (shutdown) and returns, whatever Zipkin does. Idempotent; a second caller waits
     * for the first, no longer than the same timeout.
     */
    @Override
    public void close() {
        long timeout = Durations.nanos(settings.closeTimeout());
        if (!closing.compareAndSet(false, true)) {
            await(System.nanoTime() + timeout);
            return;
        }
        closeDeadline = System.nanoTime() + timeout;
        closed = true;
        LockSupport.unpark(thread);
        if (!await(closeDeadline)) {
            long n = abandon();
            thread.interrupt();
            sender.close();
            LOG.log(Level.WARNING, "telltale: Zipkin at " + settings.endpoint() + " did not take the spans within "
                    + settings.closeTimeout().toMillis() + " ms of closing; " + n + " spans dropped (shutdown)");
        }
        PipelineStats s = stats();
        LOG.log(s.dropped() > 0 ? Level.INFO : Level.DEBUG, "telltale: Zipkin reporter closed; " + describe(s));
    }

    static String describe(PipelineStats s) {
        return "offered " + s.offered() + " spans, sent " + s.published() + ", dropped " + s.dropped()
                + " (queue-full " + s.droppedQueueFull() + ", too-large " + s.droppedTooLarge() + ", backend-error "
                + s.droppedBackendError() + ", shutdown " + s.droppedShutdown() + "), pending " + s.pending();
    }

    private boolean await(long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0 && thread.isAlive() && Thread.currentThread() != thread) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return finished;
    }

    // --- the ledger --------------------------------------------------------------------------

    private synchronized FinishedSpan take() {
        if (abandoned) {
            return null;
        }
        FinishedSpan span = queue.poll();
        if (span != null) {
            inFlight++;
        }
        return span;
    }

    private synchronized void settle(long sent, long large, long failed, long stopped) {
        if (abandoned) {
            return;
        }
        published += sent;
        tooLarge += large;
        backendError += failed;
        shutdown += stopped;
        inFlight -= sent + large + failed + stopped;
    }

    /** Counts what is in flight and queued as dropped (shutdown); the reporter is ignored from now on. */
    private synchronized long abandon() {
        abandoned = true;
        long n = inFlight + drainQueue();
        shutdown += n;
        inFlight = 0;
        return n;
    }

    private synchronized void sweep() {
        shutdown += drainQueue();
    }

    private long drainQueue() {
        long n = 0;
        while (queue.poll() != null) {
            n++;
        }
        return n;
    }

    // --- the reporter thread -------------------------------------------------------------------

    private void run() {
        try {
            report();
        } catch (InterruptedException e) {
            // close() gave up on this thread and counted what it held
        } catch (Throwable t) { // nothing would restart this thread
            LOG.log(Level.ERROR, "telltale: the Zipkin reporter stopped on an unexpected error (a Telltale bug)", t);
        } finally {
            carried = false;
            synchronized (this) {
                if (!abandoned) {
                    shutdown += inFlight;
                    inFlight = 0;
                }
                shutdown += drainQueue();
                finished = true;
            }
            VarHandle.fullFence();
            sweep();
            sender.close();
            reportHealth();
        }
    }

    private void report() throws InterruptedException {
        long interval = Durations.nanos(settings.interval());
        long healthPeriod = Durations.nanos(settings.healthInterval());
        long now = System.nanoTime();
        long nextFlush = now + interval;
        long nextHealth = healthPeriod > 0 ? now + healthPeriod : Long.MAX_VALUE;
        while (!closed) {
            now = System.nanoTime();
            boolean due = now - nextFlush >= 0;
            if (queue.size() >= wakeThreshold || (due && (queue.size() > 0 || carried))) {
                sendQueued();
                nextFlush = System.nanoTime() + interval;
            } else if (due) {
                nextFlush = now + interval;
            }
            if (healthPeriod > 0 && System.nanoTime() - nextHealth >= 0) {
                reportHealth();
                nextHealth = System.nanoTime() + healthPeriod;
            }
            long wait = Math.min(nextFlush, healthPeriod > 0 ? nextHealth : nextFlush) - System.nanoTime();
            if (wait > 0 && queue.size() < wakeThreshold) {
                parked = true;
                if (!closed && queue.size() < wakeThreshold) {
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

    private void reportHealth() {
        if (Durations.nanos(settings.healthInterval()) <= 0) {
            return;
        }
        try {
            health.accept(stats());
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            LOG.log(Level.DEBUG, "telltale: the Zipkin reporter's health report failed", t);
        }
    }

    /** Sends batches until the queue is empty (or, closing, the deadline has passed). */
    private void sendQueued() throws InterruptedException {
        while (!(closed && System.nanoTime() - closeDeadline >= 0)) {
            fillBatch();
            if (batch.spans() == 0) {
                return;
            }
            send();
        }
    }

    /** Takes spans into the batch up to its count and byte bounds; drops those too large alone. */
    private void fillBatch() {
        batch.clear();
        int maxSpans = settings.batchSize();
        int maxBytes = settings.batchMaxBytes();
        while (batch.spans() < maxSpans) {
            if (!carried) {
                FinishedSpan span = take();
                if (span == null) {
                    return;
                }
                int size = encodeShielded(span);
                if (size < 0) {
                    settle(0, 1, 0, 0);
                    continue;
                }
                carried = true;
            }
            if (batch.spans() > 0 && batch.sizeWith(encoder.lastSize()) > maxBytes) {
                return; // the carried span starts the next batch
            }
            encoder.appendTo(batch);
            carried = false;
        }
    }

    private int encodeShielded(FinishedSpan span) {
        try {
            return encoder.encode(span);
        } catch (RuntimeException e) { // a Telltale bug: count the span, keep the reporter
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
                    settle(spans, 0, 0, 0);
                    recovered();
                    return;
                }
                case TOO_LARGE -> {
                    failed(result.error() + "; " + spans + " spans dropped (too-large)");
                    settle(0, spans, 0, 0);
                    return;
                }
                case REFUSED -> {
                    failed(result.error() + "; " + spans + " spans dropped (backend-error)");
                    settle(0, 0, spans, 0);
                    return;
                }
                default -> {
                    if (attempt >= settings.retryAttempts()) {
                        failed(result.error() + "; " + spans + " spans dropped (backend-error) after " + attempt
                                + " attempts");
                        settle(0, 0, spans, 0);
                        return;
                    }
                    failed(result.error() + "; retrying");
                    if (!backOff(attempt)) {
                        settle(0, 0, 0, spans);
                        return;
                    }
                }
            }
        }
    }

    /** Waits before attempt {@code failures + 1}; false when closing and past the deadline. */
    private boolean backOff(int failures) throws InterruptedException {
        long until = System.nanoTime() + backoffNanos(failures);
        while (true) {
            long end = closed ? Math.min(until, closeDeadline) : until;
            long left = end - System.nanoTime();
            if (closed && System.nanoTime() - closeDeadline >= 0) {
                return false;
            }
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** {@code backoff * 2^(failures-1)}, at most {@code maxBackoff}. */
    long backoffNanos(int failures) {
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
