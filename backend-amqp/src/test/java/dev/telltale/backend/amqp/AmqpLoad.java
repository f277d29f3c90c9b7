package dev.telltale.backend.amqp;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.tool.BackendSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded load program (not a test): emits events through the real pipeline as fast as the
 * backend takes them, and prints the sustained published rate and the producer's enqueue
 * latency. For {@code amqp} every published event was confirmed by the broker.
 *
 * <pre>
 * mvn -q -B -pl backend-amqp,backend-file -am test-compile
 * mvn -q -B -pl backend-amqp dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.excludeGroupIds=dev.telltale -Dmdep.outputFile=target/load.classpath
 * java -cp "api/target/classes:core-jdk/target/classes:core-jdk/target/test-classes:backend-file/target/classes:\
 * backend-amqp/target/classes:backend-amqp/target/test-classes:$(cat backend-amqp/target/load.classpath)" \
 *     dev.telltale.backend.amqp.AmqpLoad [events=1000000] [backend=amqp|file] [consume=false|true] \
 *     [telltale.key=value ...]
 * </pre>
 *
 * <p>The producer never waits inside {@code emit}; between emits it waits while the queue is
 * more than three quarters full, so that the rate measured is the backend's and nothing is
 * dropped. One emit in 16 is timed with {@link System#nanoTime()} (the wait is not timed).
 * {@code consume=true} also runs a monitor subscription that binds a queue and reads every event,
 * so that the broker routes, stores and delivers them rather than discarding them unroutable.
 */
public final class AmqpLoad {

    private static final int SAMPLE_EVERY = 16;

    private AmqpLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("events", "1000000", "backend", "amqp",
                "consume", "false"));
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value: " + arg);
            }
            String key = arg.substring(0, eq);
            (key.startsWith("telltale.") ? settings : options).put(key, arg.substring(eq + 1));
        }
        int events = Integer.parseInt(options.get("events"));
        String backend = options.get("backend");
        Path dir = null;
        if (backend.equals("file")) {
            dir = Files.createTempDirectory("telltale-load");
            settings.putIfAbsent("telltale.file.path", dir.resolve("events.jsonl").toString());
            settings.putIfAbsent("telltale.file.max-size", "256MiB");
        } else {
            settings.putIfAbsent("telltale.amqp.exchange", "telltale-load");
            settings.putIfAbsent("telltale.amqp.durable", "false");
        }
        Source monitor = Boolean.parseBoolean(options.get("consume")) ? BackendSources.open(backend, settings,
                new Subscription(java.util.List.of(), Map.of("prefetch", "1000"))) : null;
        AtomicLong consumed = new AtomicLong();
        AtomicBoolean consuming = new AtomicBoolean(monitor != null);
        Thread reader = monitor == null ? null : new Thread(() -> read(monitor, consumed, consuming), "load-monitor");
        if (reader != null) {
            reader.setDaemon(true);
            reader.start();
        }

        Telltale.Builder builder = Telltale.builder().backend(backend).readEnvironment(false).shutdownHook(false)
                .healthInterval(Duration.ZERO).flushTimeout(Duration.ofSeconds(30));
        settings.forEach(builder::set);
        try (Telltale telltale = builder.build()) {
            warmUp(telltale, Math.min(events / 5, 200_000));
            PipelineStats before = telltale.stats();
            long[] latencies = new long[events / SAMPLE_EVERY + 1];
            long start = System.nanoTime();
            int samples = produce(telltale, events, latencies);
            boolean flushed = telltale.flush(Duration.ofSeconds(60));
            long elapsed = System.nanoTime() - start;
            PipelineStats after = telltale.stats();
            report(backend, events, elapsed, flushed, before, after, Arrays.copyOf(latencies, samples));
        }
        if (reader != null) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumed.get() < events && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(10_000_000);
            }
            consuming.set(false);
            monitor.close();
            System.out.printf("monitor read %,d events%n", consumed.get());
        }
        if (dir != null) { // half a gigabyte a run: left behind, it slows the next run's writes
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void warmUp(Telltale telltale, int events) {
        produce(telltale, events, new long[events / SAMPLE_EVERY + 1]);
        telltale.flush(Duration.ofSeconds(60));
    }

    /** Emits {@code events} events, keeping the queue below three quarters full; returns the samples taken. */
    private static int produce(Telltale telltale, int events, long[] latencies) {
        Emitter emitter = telltale.emitter("load.orders", "load-source", Map.of("tenant", "acme"));
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", 42);
        fields.put("total", 99.5);
        fields.put("customer", "c-1234");
        long limit = 8192 * 3 / 4;
        int samples = 0;
        for (int i = 0; i < events; i++) {
            if ((i & 255) == 0) {
                while (telltale.stats().queueDepth() > limit) {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            if (i % SAMPLE_EVERY == 0) {
                long t0 = System.nanoTime();
                emitter.emit("order.created", fields);
                latencies[samples++] = System.nanoTime() - t0;
            } else {
                emitter.emit("order.created", fields);
            }
        }
        return samples;
    }

    private static void report(String backend, int events, long elapsedNanos, boolean flushed, PipelineStats before,
            PipelineStats after, long[] latencies) {
        long published = after.published() - before.published();
        long dropped = after.dropped() - before.dropped();
        double seconds = elapsedNanos / 1e9;
        Arrays.sort(latencies);
        System.out.printf("backend %s: %,d events in %.2f s, %,.0f events/s published%s; dropped %,d; flushed %s%n",
                backend, events, seconds, published / seconds, backend.equals("amqp") ? " (confirmed)" : "", dropped,
                flushed);
        System.out.printf("emit latency over %,d samples: median %d ns, p99 %d ns, p99.9 %d ns, max %,d ns%n",
                latencies.length, percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 99.9),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void read(Source monitor, AtomicLong consumed, AtomicBoolean consuming) {
        try {
            while (consuming.get()) {
                if (monitor.poll(Duration.ofMillis(100)) != null) {
                    consumed.incrementAndGet();
                }
            }
        } catch (Exception e) {
            System.err.println("monitor failed: " + e);
        }
    }
}
