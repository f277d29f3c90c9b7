package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.Await;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.spi.TopicPattern;
import dev.telltale.tool.BackendSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The broker stops and starts again in the middle of a stream: producers (application threads
 * emitting through {@link Telltale}) never block, every event offered after the backend
 * recovered reaches the monitor, and the accounting balances exactly.
 */
class BrokerRestartTest {

    private static final int PRODUCERS = 2;
    private static final int QUEUE = 5_000;
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Pattern FIELDS = Pattern.compile("\"p\":(\\d+),\"n\":(\\d+)");

    /** What the monitor received, by producer and sequence number. */
    private final Set<Long> received = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLongArray emitted = new AtomicLongArray(PRODUCERS);
    private final AtomicLongArray slowestEmit = new AtomicLongArray(PRODUCERS);
    private volatile boolean producing = true;
    private volatile Throwable consumerFailure;

    private static long id(int producer, long n) {
        return ((long) producer << 48) | n;
    }

    @Test
    void brokerRestartMidStream_producersNeverBlock_eventsAfterRecoveryAllArrive_countsBalance() throws Exception {
        TestBroker broker = Brokers.get();
        assumeTrue(broker.restartable(), broker + " cannot be stopped and started from here");
        String exchange = "telltale-test-restart-" + UUID.randomUUID();
        String queue = exchange;
        Map<String, String> common = Map.of("telltale.amqp.uri", broker.uri(), "telltale.amqp.exchange", exchange,
                "telltale.amqp.recovery-interval", "200ms", "telltale.amqp.connection-timeout", "2s",
                "telltale.amqp.confirm-timeout", "2s");
        Source monitor = BackendSources.open(new AmqpBackend(), TestConfig.of(common),
                new Subscription(List.of(TopicPattern.of("restart.#")), Map.of("queue", queue)));
        try {
            run(broker, common, monitor);
        } finally {
            monitor.close();
            broker.ensureRunning();
            try (RawClient raw = new RawClient(broker)) {
                raw.channel().queueDelete(queue);
                raw.channel().exchangeDelete(exchange);
            }
        }
    }

    private void run(TestBroker broker, Map<String, String> common, Source monitor) throws Exception {
        Thread consumer = new Thread(() -> consume(monitor), "test-monitor");
        consumer.setDaemon(true);
        consumer.start();

        Telltale.Builder builder = Telltale.builder().backend("amqp").readEnvironment(false).shutdownHook(false)
                .healthInterval(Duration.ZERO).flushInterval(Duration.ofMillis(20)).flushTimeout(Duration.ofSeconds(5))
                .queueCapacity(QUEUE).set("telltale.retry.backoff", "50ms").set("telltale.retry.max-backoff", "1s");
        common.forEach(builder::set);
        try (Telltale telltale = builder.build()) {
            runProducers(broker, telltale);
        }
    }

    private void runProducers(TestBroker broker, Telltale telltale) throws Exception {
        List<Thread> producers = new ArrayList<>();
        try {
            for (int p = 0; p < PRODUCERS; p++) {
                Emitter emitter = telltale.emitter("restart.p" + p);
                int producer = p;
                Thread t = new Thread(() -> produce(emitter, producer), "test-producer-" + p);
                t.setDaemon(true);
                producers.add(t);
                t.start();
            }
            Await.until(() -> deliveries.get() >= 500, STEP, () -> "the stream to start: " + telltale.stats());

            broker.stop(BROKER_TIMEOUT);
            Await.until(() -> telltale.stats().droppedQueueFull() > 0, STEP,
                    () -> "producers to fill the queue while the broker is down: " + telltale.stats());
            long[] atRestart = snapshot();
            broker.start(BROKER_TIMEOUT);

            // recovered: the monitor has an event emitted after the broker was started again, and the
            // backlog is gone (until then the full queue rightly drops its oldest events)
            Await.until(() -> arrivedAfter(atRestart) && telltale.stats().queueDepth() < QUEUE / 10, STEP,
                    () -> "events after the restart, and the backlog drained: " + telltale.stats());
            recoveredAt = snapshot();
            queueFullAtRecovery = telltale.stats().droppedQueueFull();
            Await.until(() -> total() - sum(recoveredAt) >= 3_000, STEP, () -> "producers after recovery");
        } finally {
            producing = false;
            for (Thread t : producers) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
            broker.ensureRunning();
        }
        long[] last = snapshot();
        assertTrue(telltale.flush(Duration.ofSeconds(30)), "flush: " + telltale.stats());
        PipelineStats stats = telltale.stats();
        telltale.close();

        for (int p = 0; p < PRODUCERS; p++) {
            long slowest = slowestEmit.get(p);
            // below the 2s connection and confirm timeouts: a producer waiting on the backend would take
            // that long; a shorter stall is the scheduler (two cores, one booting the broker) or GC
            // the broker is away for several seconds (a stop and a start): an emit that waited for
            // it would take that long; the margin is for a loaded 2-core machine's scheduling
            assertTrue(slowest < TimeUnit.MILLISECONDS.toNanos(3000), "producer " + p + " was blocked for "
                    + slowest / 1_000_000 + "ms");
        }
        long offered = sum(last);
        assertEquals(offered, stats.offered(), stats.toString());
        assertEquals(0, stats.pending(), stats.toString());
        assertEquals(stats.offered(), stats.published() + stats.dropped(), stats.toString());
        assertTrue(stats.droppedQueueFull() + stats.droppedBackendError() > 0, "the outage cost nothing? " + stats);

        // every event offered after recovery arrives (duplicates allowed: at least once)
        Await.until(() -> missingAfterRecovery() == 0, STEP,
                () -> missingAfterRecovery() + " events emitted after recovery missing; " + stats + "; "
                        + (stats.droppedQueueFull() - queueFullAtRecovery) + " dropped as queue-full since recovery; "
                        + progress());
        if (broker.durableAcrossRestart()) {
            // a durable queue and persistent messages: whatever the broker confirmed, it delivers
            assertTrue(received.size() >= stats.published(), received.size() + " received, " + stats);
        }
        assertTrue(received.size() <= stats.offered(), received.size() + " received, " + stats);
        assertTrue(consumerFailure == null, String.valueOf(consumerFailure));
    }

    private final AtomicLongArray maxSeen = new AtomicLongArray(PRODUCERS);
    private long[] recoveredAt;
    private long queueFullAtRecovery;

    /** Whether the monitor has an event some producer emitted after {@code mark}. */
    private boolean arrivedAfter(long[] mark) {
        for (int p = 0; p < PRODUCERS; p++) {
            if (maxSeen.get(p) > mark[p]) {
                return true;
            }
        }
        return false;
    }

    private String progress() {
        StringBuilder gaps = new StringBuilder();
        for (int p = 0; p < PRODUCERS; p++) {
            long start = -1;
            for (long n = recoveredAt[p] + 1; n <= emitted.get(p) + 1; n++) {
                boolean missing = n <= emitted.get(p) && !received.contains(id(p, n));
                if (missing && start < 0) {
                    start = n;
                } else if (!missing && start >= 0) {
                    gaps.append(" p").append(p).append(":").append(start).append("-").append(n - 1);
                    start = -1;
                }
            }
        }
        return "missing" + gaps + "; emitted " + emitted + ", recovered at " + java.util.Arrays.toString(recoveredAt) + ", newest received "
                + maxSeen + ", " + deliveries + " deliveries, " + received.size() + " distinct, consumer failure "
                + consumerFailure;
    }

    /** Events emitted after recovery that the monitor has not received. */
    private long missingAfterRecovery() {
        long missing = 0;
        for (int p = 0; p < PRODUCERS; p++) {
            for (long n = recoveredAt[p] + 1; n <= emitted.get(p); n++) {
                if (!received.contains(id(p, n))) {
                    missing++;
                }
            }
        }
        return missing;
    }

    private void produce(Emitter emitter, int producer) {
        while (producing) {
            long n = emitted.get(producer) + 1;
            long start = System.nanoTime();
            emitter.emit("tick", fields(producer, n));
            long took = System.nanoTime() - start;
            emitted.set(producer, n);
            if (took > slowestEmit.get(producer)) {
                slowestEmit.set(producer, took);
            }
            // pace: about 1,000 events a second per producer, well within what a loaded two-core machine
            // publishes with confirms into a durable queue, so that after recovery the pipeline catches up
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static Map<String, Object> fields(int producer, long n) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("p", producer);
        fields.put("n", n);
        return fields;
    }

    private void consume(Source monitor) {
        try {
            while (!monitor.ended()) {
                Envelope e = monitor.poll(Duration.ofMillis(200));
                if (e == null) {
                    continue;
                }
                Matcher m = FIELDS.matcher(new String(e.payload(), StandardCharsets.UTF_8));
                if (m.find()) {
                    int p = Integer.parseInt(m.group(1));
                    long n = Long.parseLong(m.group(2));
                    received.add(id(p, n));
                    maxSeen.accumulateAndGet(p, n, Math::max);
                    deliveries.incrementAndGet();
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            consumerFailure = e;
        }
    }

    private long total() {
        return sum(snapshot());
    }

    private long[] snapshot() {
        long[] out = new long[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            out[p] = emitted.get(p);
        }
        return out;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
