package dev.telltale.core.internal.pipeline;

import dev.telltale.Event;
import dev.telltale.core.internal.jfr.BackendFailureRecord;
import dev.telltale.internal.Durations;
import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.PartialPublishException;
import dev.telltale.spi.Sink;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The loop of the publisher thread: wait for a full batch, the flush interval, a flush request
 * or close; drain the queue in batches; encode; hand each batch to the sink, retrying with
 * backoff; settle the counts. The only code that touches the sink.
 *
 * <p>Health reports are not this thread's: it may spend a long time in the backend or backing
 * off, and {@link HealthTimer} reports on time whatever it does.
 *
 * <p>Whatever a backend throws, {@link Error}s included (a {@link LinkageError} when its client
 * library is missing, a {@link StackOverflowError} in its code), counts as a failed attempt:
 * nothing a backend does may stop this thread, because nothing would restart it.
 */
final class Publisher implements Runnable {

    private static final System.Logger LOG = System.getLogger("dev.telltale");

    private final Pipeline pipeline;
    private final Backend backend;
    private final BackendConfig config;
    private final Encoder encoder;
    private final PipelineSettings settings;
    private final List<Event> batch;
    private final List<Envelope> envelopes;
    /** The headers of events that have none but their kind, by kind: most events; bounded. */
    private final Map<String, Map<String, String>> kindHeaders = new java.util.HashMap<>();
    private static final int MAX_CACHED_KINDS = 1024;

    volatile boolean parked;
    private volatile Thread thread;
    private Sink sink;
    private int failures;
    private boolean down;
    private volatile String lastError;
    private boolean warnedTooLarge;
    private boolean warnedRefused;
    private boolean warnedBug;
    private long lastCycle = System.nanoTime();

    Publisher(Pipeline pipeline, Backend backend, BackendConfig config, Encoder encoder, PipelineSettings settings) {
        this.pipeline = pipeline;
        this.backend = backend;
        this.config = config;
        this.encoder = encoder;
        this.settings = settings;
        this.batch = new ArrayList<>(settings.batchSize());
        this.envelopes = new ArrayList<>(settings.batchSize());
    }

    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Whether the last attempt to reach the backend failed. */
    boolean backendDown() {
        return down;
    }

    /** The last backend error, or null. */
    String lastError() {
        return lastError;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (!pipeline.isClosed()) {
            awaitWork();
            try {
                publishQueued();
            } catch (Throwable t) { // nothing would restart this thread: report and carry on
                reportBug(t);
            }
        }
        try {
            pipeline.reportFinalHealth();
            publishQueued();
        } catch (Throwable t) {
            reportBug(t);
        } finally {
            pipeline.publisherFinished();
            closeSink();
        }
    }

    private void awaitWork() {
        long deadline = lastCycle + Durations.nanos(settings.flushInterval());
        while (!workWaiting()) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                break;
            }
            parked = true;
            if (!workWaiting()) {
                LockSupport.parkNanos(this, deadline - now);
            }
            parked = false;
        }
        lastCycle = System.nanoTime();
    }

    private boolean workWaiting() {
        return pipeline.isClosed() || pipeline.queue().size() >= settings.wakeThreshold() || pipeline.flushPending();
    }

    /** Drains and publishes until the queue is empty, or the close deadline has passed. */
    private void publishQueued() {
        while (!pipeline.pastCloseDeadline()) {
            batch.clear();
            int n = pipeline.ledger().drain(pipeline.queue(), batch, settings.batchSize());
            long head = pipeline.queue().removed();
            if (n > 0) {
                publish();
            }
            pipeline.settledThrough(head);
            if (n == 0) {
                return;
            }
        }
    }

    private void publish() {
        envelopes.clear();
        int tooLarge = 0;
        int broken = 0;
        int max = settings.limits().maxBytes();
        for (Event e : batch) {
            byte[] payload;
            try {
                payload = encoder.encode(e);
            } catch (Throwable t) { // the encoder promises not to throw; if it does, count and go on
                reportBug(t);
                broken++;
                continue;
            }
            if (payload.length > max) {
                tooLarge++;
                if (!warnedTooLarge) {
                    warnedTooLarge = true;
                    LOG.log(Level.WARNING, "telltale: dropped an event of kind " + e.kind() + " on " + e.routingKey()
                            + ": its metadata and headers leave no room for its fields within telltale.event.max-bytes ("
                            + max + " bytes); further drops are counted as too-large");
                }
                continue;
            }
            envelopes.add(new Envelope(e.routingKey(), e.source(), headers(e), payload));
        }
        if (tooLarge > 0 || broken > 0) {
            pipeline.ledger().settle(0, tooLarge, broken, 0);
        }
        if (!envelopes.isEmpty()) {
            publishWithRetry(envelopes.size());
        }
    }

    private Map<String, String> headers(Event e) {
        Map<String, String> h = e.headers();
        if (h.isEmpty()) {
            Map<String, String> cached = kindHeaders.get(e.kind());
            if (cached == null) {
                cached = Map.of(Envelope.KIND_HEADER, e.kind());
                if (kindHeaders.size() < MAX_CACHED_KINDS) {
                    kindHeaders.put(e.kind(), cached);
                }
            }
            return cached;
        }
        Map<String, String> all = new LinkedHashMap<>(h);
        all.put(Envelope.KIND_HEADER, e.kind());
        return all;
    }

    private void publishWithRetry(int batchSize) {
        int n = batchSize;
        for (int attempt = 1; ; attempt++) {
            if (failures > 0 && !backoff()) {
                pipeline.ledger().settle(0, 0, 0, n);
                return;
            }
            if (sink == null && !openSink(n)) {
                if (attempt >= settings.retryAttempts()) {
                    pipeline.ledger().settle(0, 0, n, 0);
                    return;
                }
                continue;
            }
            Sink.Outcome outcome;
            try {
                outcome = sink.publish(envelopes);
            } catch (PartialPublishException partial) {
                n = settlePart(partial);
                if (n == 0) {
                    return;
                }
                failed(partial, n);
                if (attempt >= settings.retryAttempts()) {
                    pipeline.ledger().settle(0, 0, n, 0);
                    return;
                }
                continue;
            } catch (Throwable t) { // even an Error: a backend must not stop the publisher
                failed(t, n);
                if (attempt >= settings.retryAttempts()) {
                    pipeline.ledger().settle(0, 0, n, 0);
                    return;
                }
                continue;
            }
            recovered();
            settle(n, outcome);
            return;
        }
    }

    /** Counts {@code n} envelopes the backend has finished with, {@code outcome} saying how many it refused. */
    private void settle(int n, Sink.Outcome outcome) {
        int refused = outcome == null ? 0 : Math.min(n, outcome.refused());
        int tooLarge = outcome == null ? 0 : Math.min(refused, outcome.tooLarge());
        pipeline.ledger().settle(n - refused, tooLarge, refused - tooLarge, 0);
        if (refused > 0 && !warnedRefused) {
            warnedRefused = true;
            LOG.log(Level.WARNING, "telltale: backend '" + backend.name() + "' refused " + refused + " of " + n
                    + " events (" + outcome.reason() + "); they are counted as dropped, further refusals quietly");
        }
    }

    /** Counts what a partly failed batch settled and keeps only the rest for the retry; returns how many remain. */
    private int settlePart(PartialPublishException partial) {
        BitSet settled = partial.settled();
        int kept = 0;
        for (int i = 0; i < envelopes.size(); i++) {
            if (!settled.get(i)) {
                envelopes.set(kept++, envelopes.get(i));
            }
        }
        int done = envelopes.size() - kept;
        envelopes.subList(kept, envelopes.size()).clear();
        settle(done, partial.outcome());
        return kept;
    }

    /** Waits out the backoff; false if the pipeline is closing and the wait would pass its deadline. */
    private boolean backoff() {
        long end = System.nanoTime() + settings.backoff().nanosAfter(failures);
        while (true) {
            if (pipeline.isClosed() && end - pipeline.closeDeadline() > 0) {
                return false;
            }
            long left = end - System.nanoTime();
            if (left <= 0 || sinkReady()) {
                return true;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** Whether the sink says its backend is back (see {@link Sink#readyToRetry()}); false if it throws. */
    private boolean sinkReady() {
        try {
            return sink != null && sink.readyToRetry();
        } catch (Throwable t) {
            return false;
        }
    }

    private boolean openSink(int batchSize) {
        try {
            sink = backend.openSink(config);
            if (sink == null) {
                throw new IllegalStateException(backend.getClass().getName() + ".openSink returned null");
            }
            return true;
        } catch (Throwable t) { // a missing client class (LinkageError) is a backend failure too
            sink = null;
            failed(t, batchSize);
            return false;
        }
    }

    private void failed(Throwable t, int batchSize) {
        failures++;
        String error = ErrorText.describe(t);
        lastError = error;
        BackendFailureRecord.commit(backend.name(), error, failures, batchSize);
        if (!down) {
            down = true;
            LOG.log(Level.WARNING, "telltale: backend '" + backend.name() + "' failed: " + error
                    + "; retrying with backoff up to " + settings.backoff().max().toMillis() + "ms, "
                    + settings.retryAttempts() + " attempts per batch. Events keep queueing; when the queue is full the"
                    + " oldest are dropped and counted. Further failures are logged at DEBUG until it recovers.");
        } else {
            LOG.log(Level.DEBUG, "telltale: backend '" + backend.name() + "' failed again (" + failures + "): " + error);
        }
    }

    private void recovered() {
        if (down) {
            LOG.log(Level.INFO, "telltale: backend '" + backend.name() + "' is publishing again after " + failures
                    + " failed attempts; counts so far: " + pipeline.stats());
            down = false;
            lastError = null;
        }
        failures = 0;
    }

    private void closeSink() {
        if (sink == null) {
            return;
        }
        try {
            sink.close();
        } catch (Throwable t) {
            LOG.log(Level.DEBUG, "telltale: closing backend '" + backend.name() + "' failed: " + ErrorText.describe(t));
        }
        sink = null;
    }

    private void reportBug(Throwable t) {
        if (!warnedBug) {
            warnedBug = true;
            LOG.log(Level.ERROR, "telltale: unexpected error in the publisher thread (a Telltale bug); it carries on", t);
        }
    }
}
