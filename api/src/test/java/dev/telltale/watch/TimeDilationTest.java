package dev.telltale.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Time dilation. Bounds asserted on real time are lower bounds that follow from the dilation
 * itself (at dilation d, a dilated wait of w takes at least w / d of real time); that time
 * speeds up shows as a dilated wait that would outlast the test's bounded wait if it were not.
 */
@Timeout(60)
class TimeDilationTest {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private ScheduledExecutorService scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void faster_scheduledSecond_firesAfterAThirdOfARealSecond_atDilation3() throws Exception {
        TimeDilation time = TimeDilation.of(3);
        scheduler = time.newScheduler("fast");
        long realStart = System.nanoTime();
        long dilatedStart = time.nanoTime();
        AtomicLong ranAt = new AtomicLong();
        AtomicLong ranAtReal = new AtomicLong();
        ScheduledFuture<?> f = scheduler.schedule(() -> {
            ranAtReal.set(System.nanoTime());
            ranAt.set(time.nanoTime());
        }, 1, TimeUnit.SECONDS);
        f.get(20, TimeUnit.SECONDS);
        assertTrue(ranAt.get() - dilatedStart >= TimeUnit.SECONDS.toNanos(1), "not before its dilated delay");
        long real = ranAtReal.get() - realStart;
        assertTrue(real >= TimeUnit.MILLISECONDS.toNanos(333), "a dilated second is a third of a real one: " + real);
    }

    @Test
    void faster_scheduledHour_firesWithinTheTestsBoundedWait() throws Exception {
        TimeDilation time = TimeDilation.of(36_000); // an hour in 100 ms of real time
        scheduler = time.newScheduler("faster");
        long dilatedStart = time.nanoTime();
        AtomicLong ranAt = new AtomicLong();
        ScheduledFuture<?> f = scheduler.schedule(() -> ranAt.set(time.nanoTime()), 1, TimeUnit.HOURS);
        f.get(20, TimeUnit.SECONDS); // an undilated hour would time out here
        assertTrue(ranAt.get() - dilatedStart >= TimeUnit.HOURS.toNanos(1), "not before its dilated delay");
    }

    @Test
    void slower_sleepTakesLongerThanItsDilatedDuration() throws Exception {
        TimeDilation time = TimeDilation.of(0.25);
        long realStart = System.nanoTime();
        time.sleep(Duration.ofMillis(50));
        long real = System.nanoTime() - realStart;
        assertTrue(real >= TimeUnit.MILLISECONDS.toNanos(199), "50 ms at dilation 0.25 took only " + real / 1_000_000 + " ms");
    }

    @Test
    void faster_sleepOfAnHour_endsWithinTheTestsBoundedWait() throws Exception {
        TimeDilation time = TimeDilation.of(36_000);
        long realStart = System.nanoTime();
        long dilatedStart = time.nanoTime();
        CountDownLatch slept = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                time.sleep(Duration.ofHours(1));
                slept.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dilated-sleeper");
        sleeper.setDaemon(true);
        sleeper.start();
        assertTrue(slept.await(20, TimeUnit.SECONDS), "an hour at dilation 36000 is 100 ms of real time");
        assertTrue(time.nanoTime() - dilatedStart >= TimeUnit.HOURS.toNanos(1));
        assertTrue(System.nanoTime() - realStart >= TimeUnit.MILLISECONDS.toNanos(99), "not before its real share");
    }

    @Test
    void changedMidRun_pendingTaskAndSleepFollowTheNewDilation() throws Exception {
        TimeDilation time = TimeDilation.of(0.0001); // a second would take almost three hours
        scheduler = time.newScheduler("changing");
        ScheduledFuture<String> f = scheduler.schedule(() -> "ran", 1, TimeUnit.SECONDS);
        CountDownLatch slept = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                time.sleep(Duration.ofSeconds(1));
                slept.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        long realStart = System.nanoTime();
        await(() -> System.nanoTime() - realStart > TimeUnit.MILLISECONDS.toNanos(100), "100 ms of real time");
        assertFalse(f.isDone(), "at dilation 0.0001 a second is far away");
        assertEquals(1, slept.getCount());
        time.setDilation(10_000);
        assertEquals("ran", f.get(20, TimeUnit.SECONDS));
        assertTrue(slept.await(20, TimeUnit.SECONDS), "the sleeper woke at the new rate");
        assertEquals(10_000, time.dilation());
    }

    @Test
    void changedMidRun_fasterToSlower_holdsThePendingTask() throws Exception {
        TimeDilation time = TimeDilation.of(1_000);
        scheduler = time.newScheduler("slowing");
        ScheduledFuture<String> f = scheduler.schedule(() -> "ran", 1, TimeUnit.HOURS); // 3.6 s of real time
        time.setDilation(0.001); // now an hour is 41 days away
        long realStart = System.nanoTime();
        await(() -> System.nanoTime() - realStart > TimeUnit.MILLISECONDS.toNanos(200), "200 ms of real time");
        assertFalse(f.isDone());
        assertTrue(f.getDelay(TimeUnit.MINUTES) > 50, "still about an hour to go: " + f.getDelay(TimeUnit.MINUTES));
        time.setDilation(1_000_000);
        assertEquals("ran", f.get(20, TimeUnit.SECONDS));
    }

    @Test
    void clock_movesInDilatedTime() {
        TimeDilation time = TimeDilation.of(1_000);
        Clock clock = time.clock();
        Instant start = clock.instant();
        long realStart = System.nanoTime();
        await(() -> System.nanoTime() - realStart > TimeUnit.MILLISECONDS.toNanos(10), "10 ms of real time");
        assertTrue(Duration.between(start, clock.instant()).toSeconds() >= 10, "10 ms of real time is 10 s at dilation 1000");
        assertEquals(java.time.ZoneOffset.UTC, clock.withZone(java.time.ZoneOffset.UTC).getZone());
    }

    @Test
    void periodicTasks_runInDilatedTime_andStopAtShutdown() throws Exception {
        TimeDilation time = TimeDilation.of(100);
        scheduler = time.newScheduler("periodic");
        AtomicInteger rate = new AtomicInteger();
        AtomicInteger delay = new AtomicInteger();
        scheduler.scheduleAtFixedRate(rate::incrementAndGet, 0, 1, TimeUnit.SECONDS);
        ScheduledFuture<?> d = scheduler.scheduleWithFixedDelay(delay::incrementAndGet, 0, 1, TimeUnit.SECONDS);
        await(() -> rate.get() >= 5 && delay.get() >= 5, "5 runs of each (5 s at dilation 100)");
        d.cancel(false);
        assertTrue(d.isCancelled());
        ScheduledFuture<String> once = scheduler.schedule(() -> "later", 2, TimeUnit.SECONDS);
        scheduler.shutdown();
        assertEquals("later", once.get(20, TimeUnit.SECONDS), "delayed tasks still run after shutdown");
        assertTrue(scheduler.awaitTermination(20, TimeUnit.SECONDS), "periodic tasks are dropped at shutdown");
        assertThrows(RejectedExecutionException.class, () -> scheduler.execute(() -> { }));
    }

    @Test
    void shutdownNow_returnsPendingTasks_andExceptionsReachTheFuture() throws Exception {
        TimeDilation time = TimeDilation.of(1);
        scheduler = time.newScheduler("now");
        ScheduledFuture<?> failing = scheduler.schedule(() -> {
            throw new IllegalStateException("boom");
        }, 0, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(20, TimeUnit.SECONDS));
        assertEquals("boom", e.getCause().getMessage());
        assertEquals(42, scheduler.submit(() -> 42).get(20, TimeUnit.SECONDS));
        scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
        List<Runnable> left = scheduler.shutdownNow();
        assertEquals(1, left.size());
        assertTrue(scheduler.awaitTermination(20, TimeUnit.SECONDS));
        assertTrue(scheduler.isShutdown() && scheduler.isTerminated());
    }

    @Test
    void badDilation_isRefused_namingIt() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeDilation.of(bad));
            assertTrue(e.getMessage().contains("dilation"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TimeDilation.of(1).setDilation(0));
    }
}
