package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.Await;
import dev.telltale.internal.Engines;
import dev.telltale.watch.LoopWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hang's report and dumps carry beyond {@link HangTest}'s: park contention, the gap between
 * dumps, the GC time of a stall that ended before its dumps did.
 */
@Timeout(60)
class HangDetailsTest {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSSSSS");

    @TempDir
    Path dir;

    private ScheduledExecutorService loop;
    private Watched w;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.shutdownNow();
        }
        if (w != null) {
            w.close();
        }
    }

    private List<Path> dumps() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Event awaitEvent(String kind) {
        Await.until(() -> w.events(kind).stream().anyMatch(e -> e.kind().equals(kind)), Watched.WAIT,
                () -> kind + ", have " + w.events("loop."));
        return w.events(kind).stream().filter(e -> e.kind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void parkOnALockDuringTheStall_isAddedToTheEndedReport_fromJfr() throws Exception {
        w = new Watched("telltale.watch.hang.interval", "100ms", "telltale.watch.hang.dump-gap", "50ms",
                "telltale.watch.hang.dir", dir.toString());
        loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "parked-loop"));
        w.watches.loop("parked.loop", loop);
        // JFR records a wait only if the event was on when the wait began
        Await.until(() -> w.service().contention().running(), Watched.WAIT, () -> "the contention recording");
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            lock.lock();
            try {
                holding.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }, "lock-holder");
        holder.start();
        try {
            holding.await();
            loop.execute(() -> {
                lock.lock(); // parks the loop until the holder lets go
                lock.unlock();
            });
            awaitEvent("loop.hang");
        } finally {
            release.countDown();
        }
        Event ended = awaitEvent("loop.hang.ended");
        List<?> contention = (List<?>) Watched.field(ended, "contention");
        Map<?, ?> wait = contention.stream().map(c -> (Map<?, ?>) c)
                .filter(c -> "parked-loop".equals(c.get("thread"))).findFirst()
                .orElseThrow(() -> new AssertionError("no wait of the loop in " + ended));
        assertEquals("jdk.ThreadPark", wait.get("event"));
        assertTrue(String.valueOf(wait.get("blocker")).startsWith("java.util.concurrent.locks.ReentrantLock$"), wait.toString());
        assertTrue(((Number) wait.get("durationMs")).doubleValue() >= 100, wait.toString());
        assertTrue(String.valueOf(wait.get("at")).startsWith(HangDetailsTest.class.getName() + "."), wait.toString());
        holder.join();
    }

    @Test
    void dumpsOfASet_areTheConfiguredGapApart() {
        Duration gap = Duration.ofMillis(300);
        w = new Watched("telltale.watch.hang.interval", "100ms", "telltale.watch.hang.dump-gap", gap.toMillis() + "ms",
                "telltale.watch.hang.dir", dir.toString());
        loop = Executors.newSingleThreadScheduledExecutor();
        w.watches.loop("gap.loop", loop);
        CountDownLatch release = new CountDownLatch(1);
        try {
            loop.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            awaitEvent("loop.hang");
        } finally {
            release.countDown();
        }
        List<Path> files = dumps();
        assertEquals(3, files.size(), files.toString());
        LocalDateTime previous = null;
        for (Path file : files) {
            String name = file.getFileName().toString(); // stacktrace-<stamp>-<n>.txt
            LocalDateTime taken = LocalDateTime.parse(name.substring("stacktrace-".length(), name.lastIndexOf('-')), STAMP);
            if (previous != null) {
                assertTrue(Duration.between(previous, taken).compareTo(gap) >= 0, "dumps at least " + gap + " apart: " + files);
            }
            previous = taken;
        }
    }

    @Test
    void loopThatRecoveredBeforeTheLastDump_hangReportCountsGcWithinTheStallOnly() throws Exception {
        w = new Watched();
        AtomicLong gc = new AtomicLong(1_000);
        WatchService service = new WatchService(Engines.of(w.telltale), new WatchSettings(Duration.ofSeconds(10),
                Duration.ZERO, Duration.ofMillis(100), 3, Duration.ofSeconds(2), dir, false, Duration.ZERO,
                Duration.ofSeconds(10), null, "telltale", false, Duration.ZERO, Duration.ZERO), gc::get);
        try {
            loop = Executors.newSingleThreadScheduledExecutor();
            LoopMonitor watch = (LoopMonitor) service.loop("gc.loop", loop);
            awaitChecks(watch, 3);
            CountDownLatch release = new CountDownLatch(1);
            loop.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Await.until(() -> !dumps().isEmpty(), Watched.WAIT, () -> "the first dump");
            gc.addAndGet(70); // a collection during the stall
            awaitChecks(watch, 3); // sampled
            release.countDown();
            loop.submit(() -> { }).get(Watched.WAIT.toSeconds(), TimeUnit.SECONDS); // the overdue heartbeat ran first
            gc.addAndGet(1_000); // a collection after the loop beat again, while the dumps go on (2 s apart)
            Event hang = awaitEvent("loop.hang");
            assertEquals(true, Watched.field(hang, "recovered"), hang.toString());
            assertEquals(70L, ((Number) Watched.field(hang, "gcMs")).longValue(), hang.toString());
            Event ended = awaitEvent("loop.hang.ended");
            assertEquals(70L, ((Number) Watched.field(ended, "gcMs")).longValue(), ended.toString());
        } finally {
            service.close();
        }
    }

    private static void awaitChecks(LoopMonitor m, int n) {
        long target = m.checks() + n;
        Await.until(() -> m.checks() >= target, Watched.WAIT, () -> n + " more checks of " + m.name());
    }
}
