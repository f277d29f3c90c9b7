package dev.telltale.core.internal.pipeline;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.core.internal.jfr.PipelineHealthRecord;
import dev.telltale.core.internal.queue.DropOldestQueue;
import dev.telltale.internal.Durations;
import dev.telltale.internal.Events;
import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import java.lang.System.Logger.Level;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The event pipeline: a {@link DropOldestQueue} that producers write to, and one publisher
 * thread that drains it into a backend.
 *
 * <p><b>Producers</b> ({@link #offer}) never block, never take a lock and never see an
 * exception. <b>Accounting</b> always balances: every offered event ends up published, dropped
 * for one {@link dev.telltale.DropReason}, or pending. <b>Shutdown</b> ({@link #close}) publishes
 * what it can within {@code telltale.flush.timeout}, counts the rest as dropped (shutdown) and
 * returns, whatever the backend does.
 */
public final class Pipeline {

    private static final System.Logger LOG = System.getLogger("dev.telltale");

    private final PipelineSettings settings;
    private final String backendName;
    private final DropOldestQueue<Event> queue;
    private final Ledger ledger = new Ledger();
    private final InternalThreads internal;
    private final Publisher publisher;
    private final Thread thread;
    private final HealthTimer healthTimer;
    private final Thread healthThread;
    private final Object healthLock = new Object();
    private final String host;
    private final long pid;
    private final String id;
    private final LongAdder rejectedShutdown = new LongAdder();
    private final LongAdder suppressed = new LongAdder();
    private final Object settled = new Object();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long settledThrough;
    private volatile long flushTarget;
    private volatile boolean closed;
    private volatile boolean finished;
    private volatile long closeDeadline;
    private long healthSeq; // guarded by healthLock
    private final int wakeThreshold;

    /**
     * Creates a pipeline; {@link #start()} starts its publisher thread.
     *
     * @param encoder the publisher thread's encoder
     * @param internal the registry of Telltale's own threads, shared with the backend config
     */
    public Pipeline(PipelineSettings settings, Backend backend, BackendConfig config, Encoder encoder,
            InternalThreads internal, String host, long pid, String id) {
        this.settings = settings;
        this.backendName = backend.name();
        this.queue = new DropOldestQueue<>(settings.queueCapacity(), settings.queueMaxBytes());
        this.wakeThreshold = settings.wakeThreshold();
        this.internal = internal;
        this.host = host;
        this.pid = pid;
        this.id = id;
        this.publisher = new Publisher(this, backend, config, encoder, settings);
        this.thread = InternalThreads.newThread(publisher, "telltale-publisher");
        long healthPeriod = HealthTimer.period(settings);
        this.healthTimer = healthPeriod > 0 ? new HealthTimer(this, healthPeriod) : null;
        this.healthThread = healthTimer == null ? null : InternalThreads.newThread(healthTimer, "telltale-health");
    }

    /** Starts the publisher thread and, when health reports are on, the health timer's. */
    public void start() {
        thread.start();
        if (healthThread != null) {
            healthThread.start();
        }
    }

    /** Queues {@code event}. Never blocks, never throws, allocates nothing. */
    public void offer(Event event) {
        if (internal.isInternal(Thread.currentThread())) {
            suppressed.increment();
            return;
        }
        if (closed) {
            rejectedShutdown.increment();
            return;
        }
        enqueue(event);
        if (closed) {
            // close() raced with this offer; make sure the event is not stranded in the queue
            VarHandle.fullFence();
            if (finished) {
                sweep();
            }
        }
    }

    private void enqueue(Event event) {
        queue.offer(event, SizeEstimate.of(event, settings.limits()));
        if (publisher.parked && queue.size() >= wakeThreshold) {
            publisher.wake();
        }
    }

    /**
     * Waits until every event offered before this call is published or dropped, at most {@code
     * timeout} (any length: one too long to count in nanoseconds waits as long as it takes).
     * Returns whether that happened in time. Returns false at once on Telltale's own threads,
     * which must not wait for themselves. Never throws.
     */
    public boolean flush(Duration timeout) {
        long target = queue.inserted();
        if (settledThrough >= target) {
            return true;
        }
        if (Thread.currentThread() == thread) {
            return false;
        }
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        synchronized (settled) {
            if (flushTarget < target) {
                flushTarget = target;
            }
        }
        publisher.wake();
        synchronized (settled) {
            while (settledThrough < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(settled, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return settledThrough >= target;
                }
            }
        }
        return true;
    }

    /**
     * Stops accepting events, publishes what is queued within {@code telltale.flush.timeout},
     * counts the rest as dropped (shutdown) and returns. Idempotent; a second caller waits for
     * the first to finish, no longer than the same timeout.
     */
    public void close() {
        close(false);
    }

    /**
     * As {@link #close()}; {@code atExit} when called from the JVM's shutdown hook. Logging
     * frameworks stop in their own hooks (java.util.logging resets its handlers), which run at the
     * same time, so at exit a loss is written straight to standard error instead, where it is
     * seen.
     */
    public void close(boolean atExit) {
        long timeout = Durations.nanos(settings.flushTimeout());
        if (!closing.compareAndSet(false, true)) {
            awaitPublisher(System.nanoTime() + timeout);
            return;
        }
        closeDeadline = System.nanoTime() + timeout;
        closed = true;
        publisher.wake();
        if (healthTimer != null) {
            healthTimer.wake();
        }
        if (!awaitPublisher(closeDeadline)) {
            long inFlight = ledger.abandon();
            long queued = ledger.sweep(queue);
            finished = true;
            settledThrough(queue.removed());
            report(atExit, Level.WARNING, "telltale: backend '" + backendName + "' did not finish within"
                    + " telltale.flush.timeout (" + settings.flushTimeout().toMillis() + "ms); " + (inFlight + queued)
                    + " events dropped (shutdown)");
        }
        PipelineStats stats = stats();
        if (stats.dropped() > 0) {
            report(atExit, Level.INFO, "telltale: closed; " + describe(stats));
        } else {
            LOG.log(Level.DEBUG, "telltale: closed; " + describe(stats));
        }
    }

    private static void report(boolean atExit, Level level, String message) {
        if (atExit) {
            System.err.println(message);
        } else {
            LOG.log(level, message);
        }
    }

    private boolean awaitPublisher(long deadline) {
        InternalThreads.joinUntil(thread, deadline);
        return finished;
    }

    /** The accounting now; see {@link PipelineStats} for what is exact when. */
    public PipelineStats stats() {
        if (finished && queue.size() > 0) {
            sweep();
        }
        long suppressedCount = suppressed.sum();
        Ledger.Totals t = ledger.totals();
        long evicted = queue.evicted();
        long afterClose = rejectedShutdown.sum();
        long offered = queue.offered() + afterClose; // read last: never less than what was settled
        long dropped = evicted + t.tooLarge() + t.backendError() + t.shutdown() + afterClose;
        long pending = offered - t.published() - dropped;
        return PipelineStats.builder()
                .backend(backendName)
                .offered(offered)
                .published(t.published())
                .droppedQueueFull(evicted)
                .droppedTooLarge(t.tooLarge())
                .droppedBackendError(t.backendError())
                .droppedShutdown(t.shutdown() + afterClose)
                .pending(pending)
                .queueDepth(queue.size())
                .queueBytes(Math.max(0, queue.bytes()))
                .suppressed(suppressedCount)
                .build();
    }

    /** Whether the backend's last attempt failed, and why. Null when it is healthy. */
    public String backendError() {
        return publisher.backendDown() ? publisher.lastError() : null;
    }

    /** The name of the backend. */
    public String backendName() {
        return backendName;
    }

    // --- for the publisher -------------------------------------------------------------------

    DropOldestQueue<Event> queue() {
        return queue;
    }

    Ledger ledger() {
        return ledger;
    }

    boolean isClosed() {
        return closed;
    }

    long closeDeadline() {
        return closeDeadline;
    }

    boolean pastCloseDeadline() {
        return closed && System.nanoTime() - closeDeadline >= 0;
    }

    boolean flushPending() {
        return settledThrough < flushTarget;
    }

    /** Everything before queue position {@code position} is published or dropped. */
    void settledThrough(long position) {
        if (position <= settledThrough) {
            return;
        }
        synchronized (settled) {
            if (position > settledThrough) {
                settledThrough = position;
                settled.notifyAll();
            }
        }
    }

    void publisherFinished() {
        ledger.sweep(queue);
        finished = true;
        VarHandle.fullFence();
        sweep();
    }

    private void sweep() {
        ledger.sweep(queue);
        settledThrough(queue.removed());
    }

    /**
     * For the health timer: queues a {@code telltale.health} event and commits a JFR {@code
     * dev.telltale.PipelineHealth}, unless the pipeline is closing (the publisher then makes the
     * last report, which it publishes before it stops).
     */
    void reportHealth() {
        synchronized (healthLock) {
            if (!closed) {
                report();
            }
        }
    }

    /** For the publisher, once closed: the last health report, when health reports are on. */
    void reportFinalHealth() {
        if (healthTimer != null) {
            synchronized (healthLock) {
                report();
            }
        }
    }

    private void report() {
        PipelineStats stats = stats();
        PipelineHealthRecord.commit(stats);
        Map<String, Object> fields = HealthReport.fields(stats, backendError());
        queue.offer(Events.create("telltale.health", "telltale.health", id, ++healthSeq, Instant.now(),
                Thread.currentThread().getName(), host, pid, Map.of(), fields), 512);
    }

    static String describe(PipelineStats s) {
        return "offered " + s.offered() + ", published " + s.published() + ", " + HealthReport.drops(s);
    }
}
