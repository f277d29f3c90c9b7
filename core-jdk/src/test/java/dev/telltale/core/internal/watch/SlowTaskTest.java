package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.core.testing.Await;
import dev.telltale.watch.SlowTask;
import dev.telltale.watch.SlowTask.Phase;
import dev.telltale.watch.Watches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SlowTaskTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService pool;
    private Watched w;

    @AfterEach
    void stop() {
        release.countDown();
        if (pool != null) {
            pool.shutdownNow();
        }
        if (w != null) {
            w.close();
        }
    }

    private void blockUntilReleased() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the watcher made {@code n} more checks. */
    private void awaitChecks(int n) {
        long target = w.service().checks() + n;
        Await.until(() -> w.service().checks() >= target, Watched.WAIT, () -> n + " more checks");
    }

    @Test
    void slowTask_reportedWhileRunningWithItsStack_andWhenItEnds_once() throws Exception {
        w = new Watched("telltale.watch.slow-task.threshold", "50ms");
        pool = w.watches.watch("shop.pool", Executors.newFixedThreadPool(1));
        pool.execute(this::blockUntilReleased);
        SlowTask running = w.awaitReports(1).get(0);
        assertEquals(Phase.RUNNING, running.phase());
        assertEquals("shop.pool", running.executor());
        assertEquals("SlowTaskTest.blockUntilReleased", running.task());
        assertTrue(running.elapsed().compareTo(Duration.ofMillis(50)) >= 0, running.toString());
        assertTrue(running.stack().stream().anyMatch(f -> f.getMethodName().equals("blockUntilReleased")),
                "the worker's current stack: " + running.stack());
        awaitChecks(10);
        assertEquals(1, w.reports().size(), "one report while it runs, not one per check: " + w.reports());
        release.countDown();
        SlowTask ended = w.awaitReports(2).get(1);
        assertEquals(Phase.ENDED, ended.phase());
        assertEquals("SlowTaskTest.blockUntilReleased", ended.task(), "the same name at the end");
        assertTrue(ended.reportedRunning());
        assertTrue(ended.elapsed().compareTo(running.elapsed()) >= 0, "duration covers the whole run");
        assertEquals(List.of(), ended.stack());
        awaitChecks(5);
        assertEquals(2, w.reports().size(), "nothing after the end: " + w.reports());

        List<Event> events = w.events("loop.");
        assertEquals(List.of("loop.slow-task", "loop.slow-task.ended"), events.stream().map(Event::kind).toList());
        Event first = events.get(0);
        assertEquals("shop.pool", first.routingKey());
        assertEquals("SlowTaskTest.blockUntilReleased", Watched.field(first, "task"));
        assertEquals("shop.pool", Watched.field(first, "executor"));
        assertEquals(running.thread(), Watched.field(first, "thread"));
        assertEquals(50.0, ((Number) Watched.field(first, "thresholdMs")).doubleValue());
        assertTrue(((List<?>) Watched.field(first, "stack")).stream().anyMatch(f -> f.toString().contains("blockUntilReleased")));
        Event second = events.get(1);
        assertEquals(true, Watched.field(second, "reportedRunning"));
        assertTrue(((Number) Watched.field(second, "durationMs")).doubleValue() >= 50.0);
        assertEquals(first.source(), second.source());
        assertEquals(first.seq() + 1, second.seq());
    }

    @Test
    void eachSlowRun_isAnEpisodeOfItsOwn() {
        w = new Watched("telltale.watch.slow-task.threshold", "20ms");
        pool = w.watches.watch("pool", Executors.newFixedThreadPool(1));
        for (int i = 0; i < 3; i++) {
            CountDownLatch go = new CountDownLatch(1);
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int before = w.reports().size();
            w.awaitReports(before + 1);
            go.countDown();
            w.awaitReports(before + 2);
        }
        assertEquals(List.of(Phase.RUNNING, Phase.ENDED, Phase.RUNNING, Phase.ENDED, Phase.RUNNING, Phase.ENDED),
                w.reports().stream().map(SlowTask::phase).toList());
        assertEquals("SlowTaskTest.eachSlowRun_isAnEpisodeOfItsOwn (lambda)", w.reports().get(0).task());
    }

    @Test
    void virtualThreadExecutor_slowTaskReportedDuringAndAfter() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        w = new Watched("telltale.watch.slow-task.threshold", "50ms");
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        pool = w.watches.watch("virtual.pool", virtual);
        for (int i = 0; i < 50; i++) {
            pool.execute(() -> { }); // many short tasks, each on a thread of its own
        }
        pool.execute(Watches.named("virtual-slow", this::blockUntilReleased));
        SlowTask running = w.awaitReports(1).get(0);
        assertEquals(Phase.RUNNING, running.phase());
        assertEquals("virtual-slow", running.task());
        assertTrue(running.stack().stream().anyMatch(f -> f.getMethodName().equals("blockUntilReleased")), running.toString());
        release.countDown();
        SlowTask ended = w.awaitReports(2).get(1);
        assertEquals(Phase.ENDED, ended.phase());
        assertEquals("virtual-slow", ended.task());
        Await.until(() -> w.service().slotCount() <= 1, Watched.WAIT,
                () -> "the slots of ended virtual threads dropped, have " + w.service().slotCount());
    }

    @Test
    void fastTasks_areNotReported() throws Exception {
        w = new Watched("telltale.watch.slow-task.threshold", "10s");
        pool = w.watches.watch("pool", Executors.newFixedThreadPool(2));
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            pool.execute(ran::incrementAndGet);
        }
        Await.until(() -> ran.get() == 100, Watched.WAIT, () -> "100 tasks ran");
        awaitChecks(3);
        assertEquals(List.of(), w.reports());
        assertEquals(List.of(), w.events("loop."));
    }

    @Test
    void namedTasks_keepTheirNames_throughSubmitAndSchedule() throws Exception {
        w = new Watched("telltale.watch.slow-task.threshold", "20ms");
        ScheduledExecutorService loop = w.watches.watch("shop.loop", Executors.newSingleThreadScheduledExecutor());
        try {
            Callable<String> call = Watches.named("price.refresh", () -> {
                blockUntilReleased();
                return "done";
            });
            Future<String> f = loop.schedule(call, 1, TimeUnit.MILLISECONDS);
            assertEquals("price.refresh", w.awaitReports(1).get(0).task());
            release.countDown();
            assertEquals("done", f.get(10, TimeUnit.SECONDS));
            assertEquals("price.refresh", w.awaitReports(2).get(1).task());
            Future<?> r = loop.submit(Watches.named("restock", this::blockUntilReleased));
            r.get(10, TimeUnit.SECONDS);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void watchedExecutor_keepsTheDelegatesBehaviour() throws Exception {
        w = new Watched("telltale.watch.slow-task.threshold", "10s");
        pool = w.watches.watch("pool", Executors.newFixedThreadPool(2));
        assertEquals(42, pool.submit(() -> 42).get(10, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2), pool.invokeAll(List.<Callable<Integer>>of(() -> 1, () -> 2)).stream().map(f -> {
            try {
                return f.get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList());
        assertEquals(7, pool.invokeAny(List.<Callable<Integer>>of(() -> 7)));
        Future<?> failed = pool.submit(() -> {
            throw new IllegalStateException("task failed");
        });
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> failed.get(10, TimeUnit.SECONDS));
        assertEquals("task failed", e.getCause().getMessage());
        ScheduledExecutorService ses = w.watches.watch("ses", Executors.newSingleThreadScheduledExecutor());
        AtomicInteger ticks = new AtomicInteger();
        ScheduledFuture<?> periodic = ses.scheduleAtFixedRate(ticks::incrementAndGet, 0, 1, TimeUnit.MILLISECONDS);
        Await.until(() -> ticks.get() >= 3, Watched.WAIT, () -> "3 ticks");
        periodic.cancel(false);
        ses.shutdown();
        assertTrue(ses.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(ses.isShutdown() && ses.isTerminated());
        Executor plain = w.watches.watch("plain", (Executor) Runnable::run);
        AtomicInteger direct = new AtomicInteger();
        plain.execute(direct::incrementAndGet);
        assertEquals(1, direct.get());
    }

    @Test
    void disabledPipeline_returnsTheExecutorItself() {
        try (Telltale off = Telltale.builder().readEnvironment(false).shutdownHook(false).set("telltale.enabled", "false")
                .build()) {
            ExecutorService exec = Executors.newSingleThreadExecutor();
            try {
                assertSame(exec, Watches.of(off).watch("pool", exec));
            } finally {
                exec.shutdown();
            }
        }
    }

    @Test
    void quietPeriod_leavesSlowTasksUnreported() {
        w = new Watched("telltale.watch.slow-task.threshold", "20ms", "telltale.watch.quiet-period", "1h");
        pool = w.watches.watch("pool", Executors.newFixedThreadPool(1));
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            blockUntilReleased();
        });
        Await.until(() -> started.getCount() == 0, Watched.WAIT, () -> "task started");
        long startedAt = System.nanoTime();
        Await.until(() -> System.nanoTime() - startedAt > 40_000_000L, Watched.WAIT, () -> "past the threshold");
        awaitChecks(3);
        release.countDown();
        pool.shutdown();
        Await.until(pool::isTerminated, Watched.WAIT, () -> "pool ended");
        w.close(); // reports what had ended
        assertEquals(List.of(), w.reports());
    }

    @Test
    void failingHandler_doesNotStopTheOthers() {
        w = new Watched("telltale.watch.slow-task.threshold", "20ms");
        w.watches.onSlowTask(r -> {
            throw new IllegalStateException("handler broke");
        });
        pool = w.watches.watch("pool", Executors.newFixedThreadPool(1));
        pool.execute(this::blockUntilReleased);
        w.awaitReports(1);
        release.countDown();
        w.awaitReports(2);
    }

    @Test
    void removedHandler_isToldNothingMore() throws Exception {
        w = new Watched("telltale.watch.slow-task.threshold", "20ms");
        AtomicInteger told = new AtomicInteger();
        AutoCloseable h = w.watches.onSlowTask(r -> told.incrementAndGet());
        h.close();
        pool = w.watches.watch("pool", Executors.newFixedThreadPool(1));
        pool.execute(this::blockUntilReleased);
        w.awaitReports(1);
        assertEquals(0, told.get());
    }

    @Test
    void jfr_recordsSlowTaskEvents(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slow.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.SlowTask");
            recording.start();
            w = new Watched("telltale.watch.slow-task.threshold", "20ms");
            pool = w.watches.watch("pool", Executors.newFixedThreadPool(1));
            pool.execute(Watches.named("jfr-task", this::blockUntilReleased));
            w.awaitReports(1);
            release.countDown();
            w.awaitReports(2);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.SlowTask")).toList();
        assertEquals(List.of("running", "ended"), events.stream().map(e -> e.getString("phase")).toList());
        RecordedEvent ended = events.get(1);
        assertEquals("jfr-task", ended.getString("task"));
        assertEquals("pool", ended.getString("executor"));
        assertEquals(w.reports().get(0).thread(), ended.getThread("taskThread").getJavaName());
        assertTrue(ended.getDuration("elapsed").toMillis() >= 20);
        assertFalse(ended.getDuration("threshold").isNegative());
    }
}
