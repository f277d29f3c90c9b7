package dev.telltale.cli;

import dev.telltale.core.BackendSources;
import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads the demo's events back through the backend's consuming side while it runs, so that the
 * summary can say what actually arrived, by kind, whatever the backend. Subscribes before the
 * first event is published (a broker keeps only what a queue was bound for), and counts only
 * events stamped with this process's pid (a topic or exchange may carry other runs' events).
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
    private volatile boolean stop;
    private volatile String failure;

    private DemoReadBack(Source source) {
        this.source = source;
        this.reader = new Thread(this::read, "telltale-demo-readback");
        this.reader.setDaemon(true);
    }

    /** Subscribes to {@code backend}; throws if its consuming side cannot be opened. */
    static DemoReadBack open(String backend, Map<String, String> settings) throws Exception {
        Subscription subscription = new Subscription(java.util.List.of(), OPTIONS.getOrDefault(backend, Map.of()));
        DemoReadBack readBack = new DemoReadBack(BackendSources.open(backend, settings, subscription));
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

    private void count(byte[] payload) {
        try {
            Map<String, Object> event = JsonReader.parseObject(payload, 0, payload.length);
            if (event.get("pid") instanceof Number n && n.longValue() == pid) {
                byKind.computeIfAbsent(String.valueOf(event.get("kind")), k -> new LongAdder()).increment();
                synchronized (ours) {
                    ours.incrementAndGet();
                    ours.notifyAll();
                }
            }
        } catch (IllegalArgumentException bad) {
            malformed.increment();
        }
    }

    /** Waits, at most {@code timeout}, until {@code expected} of this run's events were read. */
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

    /** This run's events read so far, by kind. */
    Map<String, Long> byKind() {
        Map<String, Long> out = new TreeMap<>();
        byKind.forEach((k, n) -> out.put(k, n.sum()));
        return out;
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
