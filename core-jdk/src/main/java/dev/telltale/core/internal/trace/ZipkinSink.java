package dev.telltale.core.internal.trace;

import dev.telltale.PipelineStats;
import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.pipeline.HealthReport;
import dev.telltale.core.internal.pipeline.InternalThreads;
import dev.telltale.core.internal.queue.DropOldestQueue;
import dev.telltale.internal.Durations;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.trace.FinishedSpan;
import java.lang.System.Logger.Level;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends finished spans to a Zipkin server: a bounded queue that application threads add to, and
 * one background thread ({@code telltale-zipkin}, {@link ZipkinReporter}) that encodes them as
 * Zipkin v2 JSON and posts them in batches (by count, bytes and interval; {@link ZipkinSettings}).
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
    private final SpanLedger ledger;
    private final ZipkinSender sender;
    private final ZipkinReporter reporter;
    private final Consumer<PipelineStats> health;
    private final Thread thread;
    private final int wakeThreshold;
    private final LongAdder afterClose = new LongAdder();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean finished;
    private volatile long closeDeadline;

    private ZipkinSink(ZipkinSettings settings, Consumer<PipelineStats> health) {
        this.settings = settings;
        this.queue = new DropOldestQueue<>(settings.queueCapacity(), settings.queueMaxBytes());
        this.ledger = new SpanLedger(queue);
        this.sender = new ZipkinSender(settings.endpoint(), settings.timeout());
        this.health = health;
        this.wakeThreshold = Math.max(1, Math.min(settings.batchSize(), settings.queueCapacity() / 2));
        this.reporter = new ZipkinReporter(this, settings, queue, ledger, sender, health, wakeThreshold);
        // not one of InternalThreads' threads: its health events must reach the pipeline
        this.thread = new Thread(reporter, "telltale-zipkin");
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
     * telltale.trace.zipkin.url} is set, else null. Its health reports go to JFR, and as {@code
     * telltale.health} events into the pipeline of the engine it is {@link #attach attached} to.
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
    @Override
    public void attach(Engine engine) {
        if (health instanceof ZipkinHealth h) {
            h.attach(engine);
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
            if (reporter.parked && queue.size() >= wakeThreshold) {
                LockSupport.unpark(thread);
            }
            if (closed) {
                // close() raced with this offer: do not leave the span stranded in the queue
                VarHandle.fullFence();
                if (finished) {
                    ledger.sweep();
                }
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    /** A span's encoded size, estimated from its strings (two bytes a char) and a fixed part. */
    static long estimate(FinishedSpan span) {
        long chars = span.name().length() + span.localService().length();
        if (span.tags() instanceof dev.telltale.internal.TagMap tags) { // the usual case: no entry objects
            for (int i = 0; i < tags.size(); i++) {
                chars += String.valueOf(tags.key(i)).length() + String.valueOf(tags.value(i)).length() + 6;
            }
        } else {
            for (var tag : span.tags().entrySet()) {
                chars += String.valueOf(tag.getKey()).length() + String.valueOf(tag.getValue()).length() + 6;
            }
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
            ledger.sweep();
        }
        SpanLedger.Totals t = ledger.totals();
        long evicted = queue.evicted();
        long after = afterClose.sum();
        long offered = queue.offered() + after; // read last: never less than what was settled
        long dropped = evicted + t.tooLarge() + t.backendError() + t.shutdown() + after;
        return PipelineStats.builder()
                .backend(BACKEND)
                .offered(offered)
                .published(t.published())
                .droppedQueueFull(evicted)
                .droppedTooLarge(t.tooLarge())
                .droppedBackendError(t.backendError())
                .droppedShutdown(t.shutdown() + after)
                .pending(offered - t.published() - dropped)
                .queueDepth(queue.size())
                .queueBytes(Math.max(0, queue.bytes()))
                .build();
    }

    /** What the last POST failed with while Zipkin is failing; null while it takes spans. */
    public String lastError() {
        return reporter.lastError();
    }

    /** Where spans go. */
    public URI endpoint() {
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
            long n = ledger.abandon();
            thread.interrupt();
            sender.close();
            LOG.log(Level.WARNING, "telltale: Zipkin at " + settings.endpoint() + " did not take the spans within "
                    + settings.closeTimeout().toMillis() + " ms of closing; " + n + " spans dropped (shutdown)");
        }
        PipelineStats s = stats();
        LOG.log(s.dropped() > 0 ? Level.INFO : Level.DEBUG, "telltale: Zipkin reporter closed; " + describe(s));
    }

    static String describe(PipelineStats s) {
        return "offered " + s.offered() + " spans, sent " + s.published() + ", " + HealthReport.drops(s);
    }

    private boolean await(long deadline) {
        InternalThreads.joinUntil(thread, deadline);
        return finished;
    }

    // --- for the reporter's thread -------------------------------------------------------------

    boolean isClosed() {
        return closed;
    }

    boolean pastCloseDeadline() {
        return closed && System.nanoTime() - closeDeadline >= 0;
    }

    /** {@code nanoTime}, or the close deadline when closing and it comes first. */
    long cappedByCloseDeadline(long nanoTime) {
        return closed && closeDeadline - nanoTime < 0 ? closeDeadline : nanoTime;
    }

    /** The reporter has settled everything it held; spans offered from now on are swept here. */
    void reporterFinished() {
        finished = true;
        VarHandle.fullFence();
        ledger.sweep();
    }
}
