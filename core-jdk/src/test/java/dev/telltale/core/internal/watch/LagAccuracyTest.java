package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.telltale.Event;
import dev.telltale.core.testing.FakeEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How exactly lag is measured, on a clock the test controls: each tick records how late it ran
 * against when it was due, to the nanosecond (the histogram then keeps it within 1/128). What a
 * real scheduler adds on top is the JVM's and the machine's jitter, which this does not time.
 */
class LagAccuracyTest {

    @Test
    void lag_isHowLateEachTickRan_toTheNanosecond() throws Exception {
        long interval = 250_000_000L;
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<Runnable> due = new ArrayList<>();
        ScheduledExecutorService loop = new ScheduledThreadPoolExecutor(1) {
            @Override
            public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay,
                    java.util.concurrent.TimeUnit unit) {
                assertEquals(interval, unit.toNanos(delay), "each tick is due one interval after the last ran");
                due.add(task);
                return null;
            }
        };
        FakeEngine engine = new FakeEngine();
        LagMonitor lag = new LagMonitor("exact.loop", loop, interval, now::get, new WatchEvents(engine), null, "");
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        try {
            lag.start(watcher, Duration.ofHours(1).toNanos()); // reports only when the test asks
            long[] late = {0L, 3_000_000L, 17L, 1_200_000_000L};
            for (long l : late) {
                Runnable tick = due.remove(0);
                now.addAndGet(interval + l);
                tick.run();
            }
            lag.report();
            Event e = engine.events("loop.lag").stream().findFirst().orElse(null);
            assertNotNull(e, "a loop.lag report");
            assertEquals(4L, e.field("count"));
            assertEquals(0L, e.field("min_ns"));
            assertEquals(1_200_000_000L, e.field("max_ns"));
            assertEquals(1_203_000_017L, e.field("sum_ns"));
            long p50 = ((Number) e.field("p50_ns")).longValue(); // the second smallest, 17 ns
            assertEquals(17L, p50);
            long p90 = ((Number) e.field("p90_ns")).longValue();
            assertEquals(1_200_000_000L, p90, "p90 of four is the largest");
        } finally {
            watcher.shutdownNow();
            loop.shutdownNow();
        }
    }
}
