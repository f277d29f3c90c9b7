package dev.telltale.core.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several producers and one consumer race on queues of capacity 1, 2, 3 and larger, bounded in
 * count (offers per producer) and in time (every wait has a deadline). What must hold in every
 * interleaving: each element offered is taken by the consumer or counted as dropped, exactly once
 * (no element taken twice, and taken + dropped + left = offered); each producer's elements are
 * taken in the order it offered them; the byte count never reads below zero or far above the bound
 * while the race runs, and reads zero once the queue is empty.
 */
class DropOldestQueueStressTest {

    private static final int PRODUCERS = 4;
    private static final long WAIT_SECONDS = 20;

    @ParameterizedTest(name = "capacity {0}, batch {1}")
    @CsvSource({"1, 1", "1, 16", "2, 1", "2, 16", "3, 16", "5, 4", "64, 16", "1024, 256"})
    @Timeout(60)
    void offer_manyProducersOneConsumer_everyElementTakenOrDroppedExactlyOnce(int capacity, int batch)
            throws Exception {
        int perProducer = 100_000;
        long maxBytes = 64L * capacity; // sizes 1..32: the byte bound evicts too, not only the count
        DropOldestQueue<long[]> q = new DropOldestQueue<>(capacity, maxBytes);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LongAccumulator lowestBytes = new LongAccumulator(Math::min, Long.MAX_VALUE);
        LongAccumulator highestBytes = new LongAccumulator(Math::max, Long.MIN_VALUE);
        long[] droppedByCalls = new long[PRODUCERS];
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int id = p;
            producers.add(daemon("producer-" + p, () -> {
                await(start);
                long dropped = 0;
                for (int i = 0; i < perProducer; i++) {
                    dropped += q.offer(new long[] {id, i}, 1 + (i & 31));
                    long b = q.bytes();
                    lowestBytes.accumulate(b);
                    highestBytes.accumulate(b);
                }
                droppedByCalls[id] = dropped;
            }));
        }
        long[] lastSeen = new long[PRODUCERS];
        Arrays.fill(lastSeen, -1);
        boolean[][] taken = new boolean[PRODUCERS][perProducer];
        long[] takenCount = new long[1];
        Thread consumer = daemon("consumer", () -> {
            await(start);
            List<long[]> out = new ArrayList<>(batch);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() - deadline < 0) {
                out.clear();
                int n = q.drainTo(out, batch);
                if (n == 0) {
                    if (!producing.get() && q.size() == 0) {
                        return;
                    }
                    Thread.onSpinWait();
                    continue;
                }
                for (long[] e : out) {
                    int id = (int) e[0];
                    int i = (int) e[1];
                    if (taken[id][i] || i <= lastSeen[id]) {
                        failure.compareAndSet(null, new AssertionError("producer " + id + ": element " + i
                                + (taken[id][i] ? " taken twice" : " taken after " + lastSeen[id])));
                        return;
                    }
                    taken[id][i] = true;
                    lastSeen[id] = i;
                    takenCount[0]++;
                }
            }
            failure.compareAndSet(null, new AssertionError("consumer did not finish in " + WAIT_SECONDS + " s"));
        });
        producers.forEach(Thread::start);
        consumer.start();
        start.countDown();
        for (Thread t : producers) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertFalse(t.isAlive(), t.getName() + " is stuck in offer");
        }
        producing.set(false);
        consumer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS + 5));
        assertFalse(consumer.isAlive(), "consumer finished");
        assertNull(failure.get());

        long total = (long) PRODUCERS * perProducer;
        assertEquals(total, q.offered());
        assertEquals(Arrays.stream(droppedByCalls).sum(), q.evicted(), "drops reported by offer() == drops counted");
        assertEquals(0, q.size());
        assertEquals(total, takenCount[0] + q.evicted(), "every element taken or dropped, once");
        assertEquals(q.inserted(), q.removed());
        assertEquals(0, q.bytes(), "bytes once empty");
        assertTrue(lowestBytes.get() >= 0, "bytes read " + lowestBytes.get());
        // elements being inserted or taken at the instant of reading, by producers and the consumer
        long slack = 2L * (PRODUCERS + 1) * 32;
        assertTrue(highestBytes.get() <= maxBytes + slack, "bytes read " + highestBytes.get() + ", bound " + maxBytes);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true); // a producer stuck in offer must not outlive the test run
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
