package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each source's events arrive in the order emitted, whatever the other producer threads do. */
class OrderingTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 3_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void manyProducerThreads_eachSourcesSeqsArriveStrictlyIncreasingAndComplete() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = Pipelines.uniqueTopic("ordering");
        cluster.createTopic(topic, 3);
        Telltale telltale = Pipelines.builder(cluster.bootstrapServers(), topic)
                .set("telltale.queue.capacity", Integer.toString(THREADS * PER_THREAD * 2))
                .set("telltale.batch.size", "256")
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (telltale) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Emitter emitter = telltale.emitter("ordering.t" + t, "thread-" + t, Map.of());
                producers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        emitter.emit("tick", Map.of("i", i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : producers) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertTrue(telltale.flush(WAIT));
            PipelineStats stats = telltale.stats();
            assertEquals(THREADS * PER_THREAD, stats.published(), stats.toString());

            Map<String, Long> last = new HashMap<>();
            try (Source source = Pipelines.source(cluster.bootstrapServers(), Map.of("telltale.kafka.topic", topic),
                    List.of(), "from", "earliest")) {
                List<Envelope> read = Pipelines.read(source, THREADS * PER_THREAD, WAIT);
                assertEquals(THREADS * PER_THREAD, read.size());
                for (Envelope e : read) {
                    String source_ = Pipelines.source(e);
                    long seq = Pipelines.seq(e);
                    long previous = last.getOrDefault(source_, 0L);
                    assertEquals(previous + 1, seq, source_ + " after seq " + previous + " at " + e);
                    last.put(source_, seq);
                }
            }
            for (int t = 0; t < THREADS; t++) {
                assertEquals(PER_THREAD, last.get("thread-" + t), "thread-" + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
