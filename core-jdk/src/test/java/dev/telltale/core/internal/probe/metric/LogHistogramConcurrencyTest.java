package dev.telltale.core.internal.probe.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three writers record while one reporter takes snapshots as fast as it can, bounded in count
 * (rounds of records per writer) and in time (every wait has a deadline). Writer t records only
 * 2^(20 t), so an interval's sum spells how many values each writer put in it (each below 2^20):
 * from it the test checks that every record landed whole in one interval (count, sum, min and max
 * agree) and that the intervals add up to what was recorded, exactly.
 */
class LogHistogramConcurrencyTest {

    private static final int WRITERS = 3;
    private static final int ROUNDS = 40;
    private static final int PER_ROUND = 10_000;
    private static final long[] VALUES = {1, 1L << 20, 1L << 40};
    private static final long MASK = (1L << 20) - 1;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(40);

    @Test
    @Timeout(60)
    void intervalSnapshot_whileThreadsRecord_everyRecordInExactlyOneIntervalWhole() throws Exception {
        LogHistogram histogram = new LogHistogram();
        AtomicLong snapshotsTaken = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(WRITERS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            long value = VALUES[t];
            Thread thread = new Thread(() -> {
                try {
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int i = 0; i < PER_ROUND; i++) {
                            histogram.record(value);
                        }
                        // the second snapshot from now began after this round: it holds all of it,
                        // so each round is reported before the next one starts
                        long target = snapshotsTaken.get() + 2;
                        while (snapshotsTaken.get() < target) {
                            if (System.nanoTime() > deadline) {
                                throw new AssertionError("no snapshot within the deadline");
                            }
                            Thread.yield();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }, "writer-" + t);
            threads.add(thread);
            thread.start();
        }

        long[] perWriter = new long[WRITERS];
        long total = 0;
        int nonEmpty = 0;
        boolean last = false;
        while (!last) {
            last = finished.getCount() == 0; // one more snapshot after every writer is done
            HistogramSnapshot s = histogram.intervalSnapshot();
            snapshotsTaken.incrementAndGet();
            long[] counts = {s.sum() & MASK, (s.sum() >>> 20) & MASK, s.sum() >>> 40};
            assertEquals(s.count(), counts[0] + counts[1] + counts[2], () -> "count and sum disagree: " + s);
            if (s.count() > 0) {
                nonEmpty++;
                assertEquals(VALUES[lowest(counts)], s.min(), () -> "min of " + s);
                assertEquals(VALUES[highest(counts)], s.max(), () -> "max of " + s);
                assertEquals(s.max(), s.percentile(100));
            }
            for (int t = 0; t < WRITERS; t++) {
                perWriter[t] += counts[t];
            }
            total += s.count();
            if (System.nanoTime() > deadline) {
                fail("writers not done within the deadline; snapshots so far: " + snapshotsTaken.get());
            }
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertNull(failure.get());
        assertEquals((long) WRITERS * ROUNDS * PER_ROUND, total);
        for (int t = 0; t < WRITERS; t++) {
            assertEquals((long) ROUNDS * PER_ROUND, perWriter[t], "values of writer " + t);
        }
        assertTrue(nonEmpty >= ROUNDS, "rounds were reported separately: " + nonEmpty + " non-empty intervals");
        assertEquals(0, histogram.intervalSnapshot().count());
    }

    private static int lowest(long[] counts) {
        int t = 0;
        while (counts[t] == 0) {
            t++;
        }
        return t;
    }

    private static int highest(long[] counts) {
        int t = counts.length - 1;
        while (counts[t] == 0) {
            t--;
        }
        return t;
    }
}
