package dev.telltale.core.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DropOldestQueueTest {

    @Test
    void offer_underCapacity_pollsInOrder() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(8, 1 << 20);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, q.offer(i, 10));
        }
        assertEquals(5, q.size());
        assertEquals(50, q.bytes());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, q.poll());
        }
        assertNull(q.poll());
        assertEquals(0, q.bytes());
    }

    @Test
    void offer_whenFullByCount_evictsOldestFirst() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(4, 1 << 20);
        int evicted = 0;
        for (int i = 0; i < 10; i++) {
            evicted += q.offer(i, 1);
        }
        assertEquals(6, evicted);
        assertEquals(6, q.evicted());
        assertEquals(List.of(6, 7, 8, 9), drain(q));
    }

    @Test
    void offer_capacityNotPowerOfTwo_holdsExactlyCapacity() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(5, 1 << 20);
        for (int i = 0; i < 12; i++) {
            q.offer(i, 1);
            assertTrue(q.size() <= 5, "size " + q.size());
        }
        assertEquals(7, q.evicted());
        assertEquals(List.of(7, 8, 9, 10, 11), drain(q));
    }

    @Test
    void offer_whenFullByBytes_evictsOldestUntilUnderLimit() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(100, 100);
        q.offer(1, 40);
        q.offer(2, 40);
        assertEquals(1, q.offer(3, 40)); // 120 > 100: evicts 1
        assertEquals(80, q.bytes());
        assertEquals(2, q.offer(4, 100)); // evicts 2 and 3
        assertEquals(List.of(4), drain(q));
        assertEquals(3, q.evicted());
    }

    @Test
    void offer_sizeAboveMaxBytes_isRejected() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(4, 100);
        assertThrows(IllegalArgumentException.class, () -> q.offer(1, 101));
        assertThrows(IllegalArgumentException.class, () -> q.offer(1, -1));
    }

    @Test
    void constructor_badCapacities_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DropOldestQueue<>(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DropOldestQueue<>(1, 0));
    }

    @Test
    void offer_null_isRefused() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(4, 100);
        NullPointerException e = assertThrows(NullPointerException.class, () -> q.offer(null, 1));
        assertEquals("element == null", e.getMessage());
        assertEquals(0, q.offered());
        assertEquals(0, q.bytes());
    }

    @Test
    void offer_capacityOne_alternatesWithPollAndEvicts() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(1, 100);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, q.offer(i, 1));
            assertEquals(1, q.offer(100 + i, 1)); // full: evicts i
            assertEquals(1, q.size());
            assertEquals(100 + i, q.poll());
        }
        assertEquals(10, q.evicted());
        assertNull(q.poll());
    }

    /**
     * The consumer is held inside {@code drainTo} (its sink blocks on the first element) while
     * producers lap the ring several times: every offer returns while the consumer is still held.
     */
    @Test
    @Timeout(60)
    void offer_whileConsumerIsHeldMidDrain_returns() throws Exception {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(4, 1 << 20);
        for (int i = 0; i < 4; i++) {
            q.offer(i, 1);
        }
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> held = new ArrayList<>() {
            @Override
            public boolean add(Integer e) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return super.add(e);
            }
        };
        Thread consumer = new Thread(() -> q.drainTo(held, 4), "held-consumer");
        consumer.setDaemon(true);
        consumer.start();
        try {
            assertTrue(entered.await(30, TimeUnit.SECONDS), "consumer reached its sink");
            Thread producer = new Thread(() -> {
                for (int i = 4; i < 100; i++) {
                    q.offer(i, 1);
                }
            }, "producer");
            producer.setDaemon(true);
            producer.start();
            producer.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(producer.isAlive(), "offer returned while the consumer was held");
            assertEquals(1, release.getCount(), "the consumer was still held");
            assertEquals(100, q.offered());
            assertEquals(List.of(96, 97, 98, 99), drain(q));
        } finally {
            release.countDown();
        }
        consumer.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of(0), held);
        assertEquals(100, held.size() + 4 + q.evicted(), "held by the consumer, drained, or dropped");
    }

    @Test
    void drainTo_respectsMaxAndOrder() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(16, 1 << 20);
        for (int i = 0; i < 10; i++) {
            q.offer(i, 1);
        }
        List<Integer> out = new ArrayList<>();
        assertEquals(4, q.drainTo(out, 4));
        assertEquals(List.of(0, 1, 2, 3), out);
        assertEquals(6, q.size());
        assertEquals(10, q.inserted());
        assertEquals(4, q.removed());
    }

    @Test
    void wrapAround_manyLaps_keepsFifo() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(4, 1 << 20);
        int next = 0;
        for (int lap = 0; lap < 1000; lap++) {
            q.offer(lap * 2, 1);
            q.offer(lap * 2 + 1, 1);
            assertEquals(next++, q.poll());
            assertEquals(next++, q.poll());
        }
        assertEquals(0, q.evicted());
    }

    /**
     * Producers race each other and one consumer on a small queue. Every element must be
     * consumed, evicted or still queued exactly once; each producer's elements must come out in
     * the order it offered them; and the eviction count must equal what is missing.
     */
    @Test
    @Timeout(60)
    void concurrentProducers_accountingIsExact_andPerProducerOrderKept() throws Exception {
        race(false);
    }

    /** The same race, with a consumer that drains in batches, as the publisher does. */
    @Test
    @Timeout(60)
    void concurrentProducers_batchDrainingConsumer_accountingIsExact_andPerProducerOrderKept() throws Exception {
        race(true);
    }

    private static void race(boolean batches) throws Exception {
        int producers = 4;
        int perProducer = 200_000;
        DropOldestQueue<long[]> q = new DropOldestQueue<>(64, 1 << 20);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean producing = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        long[] evictedByCalls = new long[producers];
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(new Thread(() -> {
                await(start);
                long evictions = 0;
                for (int i = 0; i < perProducer; i++) {
                    evictions += q.offer(new long[] {id, i}, 8);
                }
                evictedByCalls[id] = evictions;
            }));
        }
        long[] lastSeen = new long[producers];
        java.util.Arrays.fill(lastSeen, -1);
        long[] consumed = new long[1];
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread consumer = new Thread(() -> {
            await(start);
            List<long[]> batch = new ArrayList<>();
            while (true) {
                batch.clear();
                if (batches) {
                    q.drainTo(batch, 16);
                } else {
                    long[] one = q.poll();
                    if (one != null) {
                        batch.add(one);
                    }
                }
                if (batch.isEmpty()) {
                    if (!producing.get() && q.size() == 0) {
                        return;
                    }
                    Thread.onSpinWait();
                    continue;
                }
                for (long[] e : batch) {
                    int id = (int) e[0];
                    if (e[1] <= lastSeen[id]) {
                        failure.compareAndSet(null, new AssertionError(
                                "producer " + id + " out of order: " + e[1] + " after " + lastSeen[id]));
                        return;
                    }
                    lastSeen[id] = e[1];
                    consumed[0]++;
                }
            }
        });
        threads.forEach(Thread::start);
        consumer.start();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        producing.set(false);
        consumer.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(consumer.isAlive(), "consumer finished");
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        long total = (long) producers * perProducer;
        long evictedSum = 0;
        for (long e : evictedByCalls) {
            evictedSum += e;
        }
        assertEquals(total, q.offered());
        assertEquals(evictedSum, q.evicted(), "evictions reported by offer() == evictions counted");
        assertEquals(total, consumed[0] + q.evicted() + q.size(), "every element consumed, evicted or queued");
        assertTrue(q.evicted() > 0, "the test must exercise eviction; it evicted none");
        assertEquals(0, q.size());
        assertEquals(0, q.bytes());
    }

    private static List<Integer> drain(DropOldestQueue<Integer> q) {
        List<Integer> out = new ArrayList<>();
        q.drainTo(out, Integer.MAX_VALUE);
        return out;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
