package dev.telltale.cli;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.tool.BackendSources;
import dev.telltale.tool.Json;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads the demo's events back through the backend's consuming side while it runs, so that the
 * summary can say what actually arrived, by kind, whatever the backend. It is opened beside the
 * shop ({@link DemoReadBackLink}), so a broker delivers only what was published after it
 * subscribed (the file backend's reads from the start); it counts only events stamped with this
 * process's pid (a topic or exchange may carry other runs' events).
 *
 * <p>Delivery is at least once (a retried batch, or a record whose acknowledgement was lost, can
 * arrive twice), so an event is identified by its {@code source} and {@code seq}: {@link #await}
 * and {@link #byKind} count distinct events, {@link #duplicates} the repeats. Probe events are
 * also added up ({@link #probes}) for the summary's probe lines.
 */
final class DemoReadBack implements AutoCloseable {

    /** Options that make each bundled backend deliver what is published from now on. */
    private static final Map<String, Map<String, String>> OPTIONS = Map.of(
            "file", Map.of("follow", "true", "from", "start"),
            "kafka", Map.of("from", "latest"));

    private final Source source;
    private final Thread reader;
    private final long pid = ProcessHandle.current().pid();
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final AtomicLong ours = new AtomicLong();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final DemoProbeTally probes = new DemoProbeTally();
    private final DemoProbeTally agentProbe = new DemoProbeTally();
    private final DemoWatchTally loops = new DemoWatchTally();
    /** The seqs seen per source; touched by the reading thread only. */
    private final Map<String, BitSet> seen = new HashMap<>();
    private volatile boolean stop;
    private volatile String failure;

    /** Reads {@code source} once {@link #open} starts the reading thread; tests call {@link #count} themselves. */
    DemoReadBack(Source source) {
        this.source = source;
        this.reader = new Thread(this::read, "telltale-demo-readback");
        this.reader.setDaemon(true);
    }

    /** Subscribes to {@code backend}; throws if its consuming side cannot be opened. */
    static DemoReadBack open(String backend, Map<String, String> settings) throws Exception {
        Subscription subscription = new Subscription(java.util.List.of(), OPTIONS.getOrDefault(backend, Map.of()));
        // problems with the configuration were reported when the pipeline was built from it: say them once
        DemoReadBack readBack = new DemoReadBack(BackendSources.open(backend, settings, subscription, message -> { }));
        readBack.reader.start();
        return readBack;
    }

    private void read() {
        try {
            while (!stop) {
                Envelope e = source.poll(Duration.ofMillis(200));
                if (e == null) {
                    if (source.ended()) {
                        return;
                    }
                    continue;
                }
                count(e.payload());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e.toString();
        }
    }

    /** Counts one payload read back; called by one thread at a time. */
    void count(byte[] payload) {
        try {
            Map<String, Object> event = Json.parseObject(payload, 0, payload.length);
            if (event.get("pid") instanceof Number n && n.longValue() == pid) {
                if (!firstTime(event)) {
                    duplicates.increment();
                    return;
                }
                String kind = String.valueOf(event.get("kind"));
                byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
                if (kind.startsWith("probe.") && !DemoSpecs.TARGET.equals(target(event))) { // the spec's probe has its own line
                    (DemoAgent.TARGET.equals(target(event)) ? agentProbe : probes).add(kind, event);
                } else if (kind.startsWith("loop.")) {
                    loops.add(kind, event);
                }
                synchronized (ours) {
                    ours.incrementAndGet();
                    ours.notifyAll();
                }
            }
        } catch (IllegalArgumentException bad) {
            malformed.increment();
        }
    }

    /** Whether this event's (source, seq) was not read before; an event without them counts as new. */
    private boolean firstTime(Map<String, Object> event) {
        if (!(event.get("source") instanceof String source) || !(event.get("seq") instanceof Number seq)
                || seq.longValue() < 0 || seq.longValue() > Integer.MAX_VALUE) {
            return true;
        }
        BitSet seqs = seen.computeIfAbsent(source, s -> new BitSet());
        int index = (int) seq.longValue();
        if (seqs.get(index)) {
            return false;
        }
        seqs.set(index);
        return true;
    }

    /**
     * Waits, at most {@code timeout}, until {@code expected} distinct events of this run were read;
     * returns how many were.
     */
    long await(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (ours) {
            while (ours.get() < expected && failure == null && reader.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(ours, Math.min(left, 200_000_000L));
            }
        }
        return ours.get();
    }

    /** This run's distinct events read so far, by kind. */
    Map<String, Long> byKind() {
        Map<String, Long> out = new TreeMap<>();
        byKind.forEach((k, n) -> out.put(k, n.sum()));
        return out;
    }

    /** What this run's loop watch events read so far add up to. */
    DemoWatchTally loops() {
        return loops;
    }

    /** What this run's probe events read so far add up to (but the agent probe's). */
    DemoProbeTally probes() {
        return probes;
    }

    /** What the events of the probe {@link DemoAgent} attaches by name add up to. */
    DemoProbeTally agentProbe() {
        return agentProbe;
    }

    private static Object target(Map<String, Object> event) {
        return event.get("fields") instanceof Map<?, ?> fields ? fields.get("target") : null;
    }

    /** Events of this run read again (same source and seq), not counted by {@link #await} or {@link #byKind}. */
    long duplicates() {
        return duplicates.sum();
    }

    long malformed() {
        return malformed.sum();
    }

    /** Why reading stopped early, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void close() throws Exception {
        stop = true;
        source.close();
        reader.join(5_000);
    }
}
