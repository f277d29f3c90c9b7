package dev.telltale.core.internal.watch;

import dev.telltale.core.internal.jfr.JfrSetup;
import dev.telltale.core.internal.jfr.LoopLagRecord;
import dev.telltale.core.internal.probe.metric.HistogramSnapshot;
import dev.telltale.core.internal.probe.metric.LogHistogram;
import dev.telltale.internal.Fatal;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The lag of one loop: a task scheduled on the loop {@code interval} after the previous one ran
 * measures how much later than that it runs, records it in a histogram (and, with StatsD, in a
 * queue of samples) and commits JFR {@code dev.telltale.LoopLag}; on the watcher thread, every
 * report interval, the histogram's interval goes out as a {@code loop.lag} event and every second
 * the samples go to StatsD.
 *
 * <p>Times come from the loop's clock ({@code nanoTime}), so lag on a time-dilated loop is in
 * dilated time. The task on the loop takes no lock and does no I/O; it allocates a boxed sample
 * only with StatsD configured, and the queue of samples is bounded.
 */
final class LagMonitor {

    private static final int MAX_PENDING_SAMPLES = 4096;

    private final String name;
    private final ScheduledExecutorService loop;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final WatchEvents events;
    private final StatsdClient statsd;
    private final String metric;
    private final LogHistogram histogram = new LogHistogram();
    private final Queue<Long> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final List<ScheduledFuture<?>> reporters = new ArrayList<>();
    private volatile long expected;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> next;

    LagMonitor(String name, ScheduledExecutorService loop, long intervalNanos, LongSupplier nanoTime, WatchEvents events,
            StatsdClient statsd, String statsdPrefix) {
        this.name = name;
        this.loop = loop;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.events = events;
        this.statsd = statsd;
        this.metric = StatsdClient.metric(statsdPrefix, name, "lag");
    }

    void start(ScheduledExecutorService watcher, long reportNanos) {
        schedule(nanoTime.getAsLong());
        synchronized (reporters) {
            reporters.add(watcher.scheduleWithFixedDelay(this::report, reportNanos, reportNanos, TimeUnit.NANOSECONDS));
            if (statsd != null) {
                reporters.add(watcher.scheduleWithFixedDelay(this::sendSamples, 1, 1, TimeUnit.SECONDS));
            }
        }
    }

    private void schedule(long from) {
        if (closed) {
            return;
        }
        expected = from + intervalNanos;
        try {
            next = loop.schedule(this::tick, intervalNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            closed = true; // the loop was shut down
        }
    }

    /** On the loop's thread. */
    private void tick() {
        long now = nanoTime.getAsLong();
        long lag = Math.max(0, now - expected);
        histogram.record(lag);
        if (statsd != null && pending.get() < MAX_PENDING_SAMPLES) {
            pending.incrementAndGet();
            samples.add(lag);
        }
        try {
            if (JfrSetup.jfrUp()) {
                LoopLagRecord.commit(name, lag, intervalNanos);
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
        schedule(now);
    }

    /** On the watcher thread: the interval's histogram as a {@code loop.lag} event. */
    void report() {
        try {
            HistogramSnapshot snapshot = histogram.intervalSnapshot();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("loop", name);
            fields.put("intervalMs", WatchEvents.millis(intervalNanos));
            fields.putAll(snapshot.toFields("_ns"));
            events.emit("loop.lag", name, fields);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            WatchService.LOG.log(Level.WARNING, "telltale: lag report of loop '" + name + "' failed: " + t);
        }
    }

    /** On the watcher thread: the samples since the last call, to StatsD. */
    void sendSamples() {
        List<Long> batch = new ArrayList<>();
        for (Long s; (s = samples.poll()) != null;) {
            pending.decrementAndGet();
            batch.add(s);
        }
        if (!batch.isEmpty()) {
            statsd.timings(metric, batch);
        }
    }

    /** Stops the task and the reports, sending what was measured. */
    void close() {
        boolean reported;
        synchronized (reporters) {
            reported = !reporters.isEmpty();
        }
        closed = true;
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
        synchronized (reporters) {
            reporters.forEach(r -> r.cancel(false));
            reporters.clear();
        }
        if (reported) {
            report(); // what was measured since the last report
            if (statsd != null) {
                sendSamples();
            }
        }
    }
}
