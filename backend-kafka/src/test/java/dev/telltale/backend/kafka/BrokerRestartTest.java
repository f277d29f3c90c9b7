package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker is shut down and started again while producer threads emit a steady stream.
 *
 * <p>"After recovery" is defined as: after the restarted broker is ready and the pipeline has
 * logged that it is publishing again (its first successful publish after the failures). Events
 * emitted from then on by a fresh emitter must all be delivered.
 */
class BrokerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PRODUCERS = 2;
    private static final int AFTER_RECOVERY = 500;

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaCluster.start(1);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void brokerRestartMidStream_producersNeverBlock_accountingExact_eventsAfterRecoveryDelivered() throws Exception {
        String topic = "restart";
        cluster.createTopic(topic, 1);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong slowestEmitNanos = new AtomicLong();
        List<Emitter> emitters = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try (LogCapture log = new LogCapture();
                Telltale telltale = Pipelines.builder(cluster.bootstrapServers(), topic)
                        .set("telltale.queue.capacity", "4000")
                        .set("telltale.kafka.max.block.ms", "1000")
                        .set("telltale.kafka.request.timeout.ms", "1500")
                        .set("telltale.kafka.delivery.timeout.ms", "3000")
                        .set("telltale.kafka.reconnect.backoff.max.ms", "200")
                        .build()) {
            for (int p = 0; p < PRODUCERS; p++) {
                Emitter emitter = telltale.emitter("stream.p" + p, "producer-" + p, Map.of());
                emitters.add(emitter);
                Thread thread = new Thread(() -> produce(emitter, running, slowestEmitNanos), "producer-" + p);
                threads.add(thread);
                thread.start();
            }
            Await.until(() -> telltale.stats().published() >= 1000, WAIT, () -> "1000 published: " + telltale.stats());

            cluster.stopBroker();
            Await.until(() -> log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("backend 'kafka' failed")),
                    WAIT, () -> "the pipeline's warning that the backend failed, in " + log.all());
            PipelineStats duringOutage = telltale.stats();

            cluster.startBroker();
            Await.until(() -> log.messages(Level.INFO).stream().anyMatch(m -> m.contains("is publishing again")),
                    WAIT, () -> "the pipeline publishing again, in " + log.all() + " " + telltale.stats());
            Emitter after = telltale.emitter("stream.after", "after-recovery", Map.of());
            emitters.add(after);
            for (int i = 0; i < AFTER_RECOVERY; i++) {
                after.emit("after", Map.of("i", i));
            }

            running.set(false);
            for (Thread thread : threads) {
                thread.join(WAIT.toMillis());
                assertFalse(thread.isAlive(), thread.getName() + " still running");
            }
            assertTrue(telltale.flush(WAIT), "flush: " + telltale.stats());
            PipelineStats stats = telltale.stats();
            long emitted = emitters.stream().mapToLong(Emitter::lastSeq).sum();

            assertTrue(slowestEmitNanos.get() < Duration.ofMillis(500).toNanos(),
                    "an emit took " + slowestEmitNanos.get() / 1_000_000 + "ms; a blocked send would take 1000ms");
            assertEquals(emitted, stats.offered(), stats.toString());
            assertEquals(0, stats.pending(), stats.toString());
            assertEquals(stats.offered(), stats.published() + stats.dropped(), stats.toString());
            assertTrue(stats.dropped() > 0, "the outage cost nothing? " + stats + " during: " + duringOutage);

            Set<String> delivered = new HashSet<>();
            Set<Long> afterSeqs = new HashSet<>();
            try (Source source = Pipelines.source(cluster.bootstrapServers(), Map.of("telltale.kafka.topic", topic),
                    List.of(), "from", "earliest")) {
                for (Envelope e : Pipelines.read(source, (int) stats.published(), WAIT)) {
                    delivered.add(Pipelines.source(e) + "#" + Pipelines.seq(e));
                    if (e.routingKey().equals("stream.after")) {
                        afterSeqs.add(Pipelines.seq(e));
                    }
                }
                for (Envelope e : Pipelines.drain(source, Duration.ofSeconds(2))) {
                    delivered.add(Pipelines.source(e) + "#" + Pipelines.seq(e));
                    if (e.routingKey().equals("stream.after")) {
                        afterSeqs.add(Pipelines.seq(e));
                    }
                }
            }
            assertEquals(AFTER_RECOVERY, afterSeqs.size(), "events emitted after recovery that arrived");
            assertTrue(delivered.size() >= stats.published(), delivered.size() + " distinct delivered < published: " + stats);
            assertTrue(delivered.size() <= stats.published() + stats.droppedBackendError(),
                    delivered.size() + " delivered, more than published plus those whose fate was unknown: " + stats);
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    @Test
    void brokerBack_publishingResumesOnItsReturn_notWhenThePipelinesBackoffEnds() throws Exception {
        String topic = "resume";
        cluster.createTopic(topic, 1);
        try (LogCapture log = new LogCapture();
                Telltale telltale = Pipelines.builder(cluster.bootstrapServers(), topic)
                        .set("telltale.retry.attempts", "1000")
                        .set("telltale.retry.backoff", "10m")
                        .set("telltale.retry.max-backoff", "10m")
                        .set("telltale.kafka.max.block.ms", "1000")
                        .set("telltale.kafka.request.timeout.ms", "1500")
                        .set("telltale.kafka.delivery.timeout.ms", "3000")
                        .set("telltale.kafka.reconnect.backoff.max.ms", "200")
                        .build()) {
            Emitter emitter = telltale.emitter("resume");
            emitter.emit("before", Map.of("n", 1));
            Await.until(() -> telltale.stats().published() == 1, WAIT, () -> "the first event: " + telltale.stats());

            cluster.stopBroker();
            emitter.emit("during", Map.of("n", 2));
            Await.until(() -> log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("backend 'kafka' failed")),
                    WAIT, () -> "the publish during the outage to fail (and the 10 minute backoff to begin): " + log.all());

            cluster.startBroker();
            // far less than the backoff: the producer reconnects within reconnect.backoff.max.ms of the
            // broker's return, the rest is slack for a loaded machine
            Duration bound = Duration.ofSeconds(60);
            Await.until(() -> telltale.stats().published() == 2, bound,
                    () -> "publishing to resume within " + bound + " of the broker's return: " + telltale.stats());
            PipelineStats stats = telltale.stats();
            assertEquals(stats.offered(), stats.published() + stats.dropped() + stats.pending(), stats.toString());
            assertEquals(0, stats.dropped(), stats.toString());
        }
    }

    /** Emits about two events per millisecond until told to stop, timing every emit. */
    private static void produce(Emitter emitter, AtomicBoolean running, AtomicLong slowest) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int i = 0;
        while (running.get() && System.nanoTime() - deadline < 0) {
            long before = System.nanoTime();
            emitter.emit("tick", Map.of("i", i++));
            long took = System.nanoTime() - before;
            slowest.accumulateAndGet(took, Math::max);
            if (i % 2 == 0) {
                LockSupport.parkNanos(1_000_000); // pacing, not waiting for anything
            }
        }
    }
}
