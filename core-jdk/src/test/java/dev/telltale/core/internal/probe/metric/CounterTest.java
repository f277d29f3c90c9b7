package dev.telltale.core.internal.probe.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CounterTest {

    @Test
    void intervalCount_calledRepeatedly_whatWasAddedSinceTheLastCall() {
        Counter counter = new Counter();
        assertEquals(0, counter.intervalCount());
        counter.increment();
        counter.add(41);
        assertEquals(42, counter.intervalCount());
        assertEquals(0, counter.intervalCount());
        counter.add(-2);
        assertEquals(-2, counter.intervalCount());
        assertEquals(40, counter.total());
    }

    @Test
    void intervalCount_totalWrapsPastMaxValue_intervalStillExact() {
        Counter counter = new Counter();
        counter.add(Long.MAX_VALUE - 1);
        assertEquals(Long.MAX_VALUE - 1, counter.intervalCount());
        counter.add(5);
        assertEquals(5, counter.intervalCount());
    }

    @Test
    @Timeout(60)
    void intervalCount_whileThreadsAdd_intervalsSumToEveryAddExactly() throws Exception {
        Counter counter = new Counter();
        int threads = 3;
        int perThread = 300_000;
        CountDownLatch finished = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        counter.increment();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            });
            started.add(thread);
            thread.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        long sum = 0;
        boolean last = false;
        while (!last) {
            last = finished.getCount() == 0;
            long interval = counter.intervalCount();
            assertTrue(interval >= 0, "interval " + interval);
            sum += interval;
            assertTrue(System.nanoTime() < deadline, "threads not done within the deadline");
            Thread.yield();
        }
        for (Thread thread : started) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertNull(failure.get());
        assertEquals((long) threads * perThread, sum);
        assertEquals(0, counter.intervalCount());
    }
}
