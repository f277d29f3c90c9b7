package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.core.testing.Await;
import dev.telltale.watch.LoopWatch;
import dev.telltale.watch.SlowTask;
import dev.telltale.watch.SlowTask.Phase;
import dev.telltale.watch.Watches;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The turns of a loop the application drives, from one {@code beat()} to the next or to {@code idle()}, watched as tasks. */
@Timeout(60)
class LoopTurnTest {

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private Watched w;
    private LoopWatch watch;
    private AppLoop app;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (app != null) {
            app.close();
        }
        if (w != null) {
            w.close();
        }
    }

    /** A pipeline whose slow-task threshold is {@code threshold}, with no hang while a test runs. */
    private Watched watched(String threshold, String... more) {
        String[] base = {"telltale.watch.slow-task.threshold", threshold, "telltale.watch.hang.interval", "1h",
            "telltale.watch.hang.dir", dir.toString()};
        return new Watched(Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
    }

    private void blockUntilReleased() {
        await(release);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the watcher made {@code n} more checks of running tasks and turns. */
    private void awaitChecks(int n) {
        long target = w.service().checks() + n;
        Await.until(() -> w.service().checks() >= target, Watched.WAIT, () -> n + " more checks");
    }

    /** Waits until {@code nanos} passed since {@code start}, by the watcher's checks. */
    private void awaitPast(long start, long nanos) {
        Await.until(() -> System.nanoTime() - start > nanos, Watched.WAIT, () -> nanos + " ns past");
        awaitChecks(3);
    }

    /**
     * An event loop as an application writes one: idle while it waits for work, a beat when a
     * job comes (named, or not when the name is null), the job, and round again.
     */
    private static final class AppLoop implements AutoCloseable {

        private record Job(String turn, Runnable work) {}

        private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
        private final Thread thread;

        AppLoop(LoopWatch watch, String threadName) {
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        watch.idle();
                        Job job = jobs.take();
                        if (job.turn == null) {
                            watch.beat();
                        } else {
                            watch.beat(job.turn);
                        }
                        job.work.run();
                    }
                } catch (InterruptedException e) {
                    // closed
                }
            }, threadName);
            thread.setDaemon(true);
            thread.start();
        }

        void run(String turn, Runnable work) {
            jobs.add(new Job(turn, work));
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(Watched.WAIT.toMillis());
        }
    }

    @Test
    void slowTurn_reportedWhileRunningWithTheLoopThreadsStack_andWhenItEnds_once() {
        w = watched("50ms");
        watch = w.watches.loop("game.loop");
        app = new AppLoop(watch, "game-loop");
        app.run("tick", this::blockUntilReleased);
        SlowTask running = w.awaitReports(1).get(0);
        assertEquals(Phase.RUNNING, running.phase());
        assertEquals("game.loop", running.executor());
        assertEquals("tick", running.task());
        assertEquals("game-loop", running.thread());
        assertTrue(running.elapsed().compareTo(Duration.ofMillis(50)) >= 0, running.toString());
        assertTrue(running.stack().stream().anyMatch(f -> f.getMethodName().equals("blockUntilReleased")),
                "the loop thread's current stack: " + running.stack());
        awaitChecks(10);
        assertEquals(1, w.reports().size(), "one report while it runs, not one per check: " + w.reports());
        release.countDown();
        SlowTask ended = w.awaitReports(2).get(1);
        assertEquals(Phase.ENDED, ended.phase());
        assertEquals("tick", ended.task());
        assertEquals("game-loop", ended.thread());
        assertTrue(ended.reportedRunning());
        assertTrue(ended.elapsed().compareTo(running.elapsed()) >= 0, "duration covers the whole turn");
        assertEquals(List.of(), ended.stack());
        awaitChecks(5);
        assertEquals(2, w.reports().size(), "nothing after the end: " + w.reports());

        List<Event> events = w.events("loop.slow-task");
        assertEquals(List.of("loop.slow-task", "loop.slow-task.ended"), events.stream().map(Event::kind).toList());
        for (Event e : events) {
            assertEquals("game.loop", e.routingKey());
            assertEquals("game.loop", Watched.field(e, "executor"));
            assertEquals("tick", Watched.field(e, "task"));
            assertEquals("game-loop", Watched.field(e, "thread"));
        }
        assertTrue(((List<?>) Watched.field(events.get(0), "stack")).stream()
                .anyMatch(f -> f.toString().contains("blockUntilReleased")));
        assertEquals(true, Watched.field(events.get(1), "reportedRunning"));
        assertTrue(((Number) Watched.field(events.get(1), "durationMs")).doubleValue() >= 50.0);
    }

    @Test
    void eachSlowTurn_isAnEpisodeOfItsOwn_namedAfterTheLoopByDefault() {
        w = watched("20ms");
        watch = w.watches.loop("game.loop");
        app = new AppLoop(watch, "game-loop");
        for (int i = 0; i < 3; i++) {
            CountDownLatch go = new CountDownLatch(1);
            app.run(null, () -> await(go));
            int before = w.reports().size();
            w.awaitReports(before + 1);
            go.countDown();
            w.awaitReports(before + 2);
        }
        assertEquals(List.of(Phase.RUNNING, Phase.ENDED, Phase.RUNNING, Phase.ENDED, Phase.RUNNING, Phase.ENDED),
                w.reports().stream().map(SlowTask::phase).toList());
        assertTrue(w.reports().stream().allMatch(r -> r.task().equals("game.loop") && r.executor().equals("game.loop")),
                w.reports().toString());
    }

    @Test
    void loopIdleForLong_isNotSlow() {
        w = watched("20ms");
        watch = w.watches.loop("idle.loop");
        app = new AppLoop(watch, "idle-loop");
        CountDownLatch ran = new CountDownLatch(1);
        app.run("quick", ran::countDown);
        await(ran);
        awaitPast(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200)); // ten thresholds idle
        assertEquals(List.of(), w.reports());
        assertEquals(List.of(), w.events("loop."));
    }

    @Test
    void fastLoop_reportsNothing() throws InterruptedException {
        w = watched("500ms");
        watch = w.watches.loop("fast.loop");
        AtomicInteger turns = new AtomicInteger();
        Thread loop = new Thread(() -> {
            long start = System.nanoTime();
            // runs three thresholds, so a turn that never ended would be reported
            for (int i = 0; i < 1_000_000 && System.nanoTime() - start < 1_500_000_000L; i++) {
                if (i % 2 == 0) {
                    watch.beat();
                } else {
                    watch.beat("odd");
                }
                LockSupport.parkNanos(100_000); // the turn's work
                turns.incrementAndGet();
            }
            watch.idle();
        }, "fast-loop");
        loop.start();
        loop.join(Watched.WAIT.toMillis());
        assertFalse(loop.isAlive());
        assertTrue(turns.get() > 100, turns + " turns");
        awaitChecks(3);
        assertEquals(List.of(), w.reports());
    }

    @Test
    void beatAndIdle_allocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        w = watched("1s");
        watch = w.watches.loop("lean.loop");
        int turns = 200_000;
        beatAndIdle(turns); // warm up: the loop's slot is made once
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        beatAndIdle(turns);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // room for the counter's granularity and a turn made slow by a descheduled thread, not for a byte a turn
        assertTrue(allocated < 16 * 1024, allocated + " bytes for " + turns + " turns");
    }

    private void beatAndIdle(int turns) {
        for (int i = 0; i < turns; i++) {
            watch.beat();
            watch.beat("named");
            watch.idle();
        }
    }

    @Test
    void closeOnTheLoopsThread_endsTheTurn_thenNothingMore() {
        w = watched("20ms");
        watch = w.watches.loop("closing.loop");
        app = new AppLoop(watch, "closing-loop");
        app.run("last", () -> {
            blockUntilReleased();
            watch.close();
        });
        assertEquals(Phase.RUNNING, w.awaitReports(1).get(0).phase());
        release.countDown();
        SlowTask ended = w.awaitReports(2).get(1);
        assertEquals(Phase.ENDED, ended.phase());
        assertEquals("last", ended.task());
        CountDownLatch never = new CountDownLatch(1);
        app.run("after", () -> await(never)); // beats of a closed watch begin no turn
        awaitPast(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(2, w.reports().size(), w.reports().toString());
        assertEquals(0, w.service().slotCount(), "the loop's slot is dropped");
        never.countDown();
    }

    @Test
    void closeOnAnotherThread_dropsTheTurnUnderWay() {
        w = watched("20ms");
        watch = w.watches.loop("dropped.loop");
        app = new AppLoop(watch, "dropped-loop");
        app.run("stuck", this::blockUntilReleased);
        assertEquals(Phase.RUNNING, w.awaitReports(1).get(0).phase());
        watch.close();
        assertEquals(0, w.service().slotCount(), "the loop's slot is dropped");
        release.countDown();
        app.run("after", () -> { });
        awaitChecks(10);
        assertEquals(1, w.reports().size(), "no end report of a dropped turn: " + w.reports());
    }

    @Test
    void beatFromAnotherThread_endsTheTurnOfTheOldOne_andMovesTheLoop() throws InterruptedException {
        w = watched("50ms");
        watch = w.watches.loop("moving.loop");
        Thread first = new Thread(() -> {
            watch.beat("on-first");
            blockUntilReleased();
        }, "loop-first");
        first.start();
        SlowTask running = w.awaitReports(1).get(0);
        assertEquals("loop-first", running.thread());
        release.countDown();
        first.join(Watched.WAIT.toMillis());
        assertFalse(first.isAlive());
        watch.beat("on-second"); // this thread takes the loop over
        SlowTask ended = w.awaitReports(2).get(1);
        assertEquals(Phase.ENDED, ended.phase());
        assertEquals("on-first", ended.task());
        assertEquals("loop-first", ended.thread(), "the thread whose beat began the turn");
        assertTrue(ended.reportedRunning());
        assertEquals(1, w.service().slotCount(), "only the new thread's slot is checked");
        watch.idle();
        watch.close();
        assertEquals(0, w.service().slotCount());
    }

    @Test
    void turnLongerThanTheHangInterval_isAHangAndASlowTurn() {
        w = watched("20ms", "telltale.watch.hang.interval", "100ms", "telltale.watch.hang.dump-gap", "10ms");
        watch = w.watches.loop("stuck.loop");
        app = new AppLoop(watch, "stuck-loop");
        app.run("stuck", this::blockUntilReleased);
        Await.until(() -> w.events("loop.hang").size() == 1, Watched.WAIT, () -> "loop.hang, have " + w.events("loop."));
        release.countDown();
        Await.until(() -> w.events("loop.hang").size() == 2, Watched.WAIT, () -> "loop.hang.ended, have " + w.events("loop."));
        List<SlowTask> reports = w.awaitReports(2);
        assertEquals(List.of(Phase.RUNNING, Phase.ENDED), reports.stream().map(SlowTask::phase).toList());
        assertEquals("stuck-loop", Watched.field(w.events("loop.hang").get(0), "thread"));
    }

    @Test
    void quietPeriod_leavesSlowTurnsUnreported() {
        w = watched("20ms", "telltale.watch.quiet-period", "1h");
        watch = w.watches.loop("quiet.loop");
        app = new AppLoop(watch, "quiet-loop");
        CountDownLatch started = new CountDownLatch(1);
        app.run("slow", () -> {
            started.countDown();
            blockUntilReleased();
        });
        await(started);
        awaitPast(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(60));
        release.countDown();
        watch.close();
        w.close(); // reports what had ended
        assertEquals(List.of(), w.reports());
    }

    @Test
    void loopGivenAsAnExecutor_hasNoTurns() {
        // its heartbeats come a quarter of the hang interval apart, far more than the threshold
        w = watched("10ms", "telltale.watch.hang.interval", "400ms");
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            LoopWatch hangs = w.watches.loop("executor.loop", loop);
            hangs.beat("by-hand"); // as beat(): no turn either
            awaitPast(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals(List.of(), w.reports());
            assertEquals(0, w.service().slotCount());
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void badTurnName_isRefused_namingIt() {
        w = watched("1s");
        watch = w.watches.loop("named.loop");
        assertEquals("turn == null", assertThrows(NullPointerException.class, () -> watch.beat(null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> watch.beat(" ")).getMessage().contains("blank turn"));
        try (Telltale off = Telltale.builder().readEnvironment(false).shutdownHook(false).set("telltale.enabled", "false")
                .build()) {
            LoopWatch noop = Watches.of(off).loop("named.loop");
            assertThrows(NullPointerException.class, () -> noop.beat(null));
            assertThrows(IllegalArgumentException.class, () -> noop.beat(""));
            noop.beat("fine");
        }
    }

    @Test
    void jfr_recordsSlowTurns(@TempDir Path jfrDir) throws Exception {
        Path file = jfrDir.resolve("turn.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.SlowTask");
            recording.start();
            w = watched("20ms");
            watch = w.watches.loop("jfr.loop");
            app = new AppLoop(watch, "jfr-loop");
            app.run("render", this::blockUntilReleased);
            w.awaitReports(1);
            release.countDown();
            w.awaitReports(2);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.SlowTask")).toList();
        assertEquals(List.of("running", "ended"), events.stream().map(e -> e.getString("phase")).toList());
        for (RecordedEvent e : events) {
            assertEquals("jfr.loop", e.getString("executor"));
            assertEquals("render", e.getString("task"));
            assertEquals("jfr-loop", e.getThread("taskThread").getJavaName());
        }
    }
}
