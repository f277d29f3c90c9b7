package dev.telltale.backend.kafka;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Sustained publishing through the real pipeline to Kafka with {@code acks=all}: not a test, a
 * program. It starts a single-broker cluster in this JVM (or uses {@code --bootstrap}), emits
 * {@code --events} events from {@code --threads} threads as fast as they go (but holding back
 * while more than {@code --window} events are queued, so that the queue never overflows and the
 * heap holds a realistic backlog), flushes, and prints
 * the events published per second (from the first emit until the flush returned) and the
 * latency of {@code Emitter.emit} on the producing threads.
 *
 * <pre>
 * java -cp ... dev.telltale.backend.kafka.KafkaLoad [--bootstrap HOST:PORT] [--events N]
 *     [--threads N] [--rounds N] [--window N] [--set telltale.key=value]... [--broker-only SECONDS]
 * </pre>
 *
 * {@code --broker-only} starts the cluster, prints its address and keeps it up for that long, so
 * that the load can run in another JVM with {@code --bootstrap}.
 */
public final class KafkaLoad {

    private KafkaLoad() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        int events = 2_000_000;
        int threads = 2;
        int rounds = 3;
        int window = 65_536;
        long brokerOnly = -1;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[++i];
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--broker-only" -> brokerOnly = Long.parseLong(args[++i]);
                case "--set" -> {
                    String[] kv = args[++i].split("=", 2);
                    settings.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        KafkaCluster cluster = null;
        if (bootstrap == null) {
            cluster = KafkaCluster.start(1);
            bootstrap = cluster.bootstrapServers();
        }
        try {
            if (brokerOnly >= 0) {
                System.out.println("broker at " + bootstrap + " for " + brokerOnly + " s");
                Thread.sleep(brokerOnly * 1000);
                return;
            }
            System.out.printf("KafkaLoad: %,d events from %d threads per round, %d rounds, to %s; settings %s%n",
                    events, threads, rounds, bootstrap, settings);
            for (int round = 1; round <= rounds; round++) {
                run(round, bootstrap, events, threads, window, settings);
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static void run(int round, String bootstrap, int events, int threads, int window,
            Map<String, String> settings)
            throws Exception {
        Telltale.Builder builder = Telltale.builder()
                .readEnvironment(false)
                .shutdownHook(false)
                .backend("kafka")
                .set("telltale.kafka.bootstrap.servers", bootstrap)
                .set("telltale.kafka.topic", "load-" + round + "-" + System.nanoTime())
                .set("telltale.kafka.profile", "safe")
                .set("telltale.queue.capacity", Integer.toString(2 * window))
                .set("telltale.queue.max-bytes", "256MiB")
                .set("telltale.health.interval", "0")
                .set("telltale.jfr", "false");
        settings.forEach(builder::set);
        try (Telltale telltale = builder.build()) {
            // warm the producer up (metadata, connections) before timing
            telltale.emitter("load.warmup").emit("warmup", Map.of());
            if (!telltale.flush(Duration.ofSeconds(30))) {
                throw new IllegalStateException("warm-up not published: " + telltale.stats());
            }
            long before = telltale.stats().published();
            long cpuBefore = cpuNanos("telltale-publisher");
            long networkBefore = cpuNanos("kafka-producer-network-thread");
            int perThread = events / threads;
            long[][] latencies = new long[threads][perThread];
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Emitter emitter = telltale.emitter("load.t" + t);
                long[] mine = latencies[t];
                Thread thread = new Thread(() -> emit(telltale, emitter, mine, window, go), "load-" + t);
                producers.add(thread);
                thread.start();
            }
            long start = System.nanoTime();
            go.countDown();
            for (Thread thread : producers) {
                thread.join();
            }
            long emitted = System.nanoTime();
            boolean flushed = telltale.flush(Duration.ofMinutes(5));
            long end = System.nanoTime();
            PipelineStats stats = telltale.stats();
            long published = stats.published() - before;
            double publisherCpu = (cpuNanos("telltale-publisher") - cpuBefore) / (double) published;
            double networkCpu = (cpuNanos("kafka-producer-network-thread") - networkBefore) / (double) published;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("round %d: published %,d of %,d in %.2f s = %,.0f events/s (emitting took %.2f s); "
                            + "dropped %,d; flushed %s; emit latency median %d ns, p99 %d ns, p99.9 %d ns, max %,d ns;"
                            + " CPU per event: publisher thread %.0f ns, producer network thread %.0f ns;"
                            + " load average %.1f on %d cores%n",
                    round, published, (long) perThread * threads, (end - start) / 1e9, published / ((end - start) / 1e9),
                    (emitted - start) / 1e9, stats.dropped(), flushed, percentile(all, 0.50), percentile(all, 0.99),
                    percentile(all, 0.999), all[all.length - 1], publisherCpu, networkCpu,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static void emit(Telltale telltale, Emitter emitter, long[] latencies, int window, CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        Map<String, Object> fields = Map.of("path", "/api/orders", "status", 200, "bytes", 5120);
        for (int i = 0; i < latencies.length; i++) {
            if ((i & 1023) == 0) {
                long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (telltale.stats().queueDepth() > window) {
                    if (System.nanoTime() - giveUp > 0) {
                        System.out.println(Thread.currentThread().getName() + ": the queue did not drain for two minutes;"
                                + " stopping after " + i + " events: " + telltale.stats());
                        Arrays.fill(latencies, i, latencies.length, 0);
                        return;
                    }
                    LockSupport.parkNanos(100_000); // back-pressure of the load program, outside the timed emit
                }
            }
            long t0 = System.nanoTime();
            emitter.emit("http.request.completed", fields);
            latencies[i] = System.nanoTime() - t0;
        }
    }

    /** CPU time used so far by the live threads whose names start with {@code prefix}. */
    private static long cpuNanos(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                sum += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return sum;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
