package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.Await;
import dev.telltale.internal.Engines;
import dev.telltale.watch.LoopWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HangTest {

    @TempDir
    Path dir;

    private final Object monitor = new Object();
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

    private Watched watched(String... more) {
        String[] base = {"telltale.watch.hang.interval", "100ms", "telltale.watch.hang.dump-gap", "50ms",
            "telltale.watch.hang.dir", dir.toString()};
        String[] all = Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
        return new Watched(all);
    }

    private List<Path> dumps() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Event awaitEvent(String kind, int n) {
        Await.until(() -> w.events(kind).stream().filter(e -> e.kind().equals(kind)).count() >= n, Watched.WAIT,
                () -> n + " " + kind + " events, have " + w.events("loop."));
        return w.events(kind).stream().filter(e -> e.kind().equals(kind)).toList().get(n - 1);
    }

    /** Blocks the loop's thread, holding {@link #monitor}, until {@code release} opens. */
    private void stall(CountDownLatch release) {
        loop.execute(() -> {
            synchronized (monitor) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private static void awaitChecks(LoopWatch watch, int n) {
        LoopMonitor m = (LoopMonitor) watch;
        long target = m.checks() + n;
        Await.until(() -> m.checks() >= target, Watched.WAIT, () -> n + " more checks of " + m.name());
    }

    @Test
    void stalledLoop_writesExactlyThreeDumpsInJstacksFormat_andReportsTheHang() throws Exception {
        w = watched();
        loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "shop-loop"));
        LoopWatch watch = w.watches.loop("shop.loop", loop);
        CountDownLatch release = new CountDownLatch(1);
        stall(release);
        Event hang = awaitEvent("loop.hang", 1);
        awaitChecks(watch, 10);
        List<Path> files = dumps();
        assertEquals(3, files.size(), "one set while the stall lasts: " + files);
        for (int n = 0; n < 3; n++) {
            assertTrue(files.get(n).getFileName().toString().matches("stacktrace-\\d{8}-\\d{6}\\.\\d{6}-" + n + "\\.txt"),
                    files.toString());
            String text = Files.readString(files.get(n));
            assertTrue(text.lines().skip(1).findFirst().orElse("").startsWith("Full thread dump "), text);
            assertTrue(JstackFormat.threads(text).containsKey("shop-loop"), text);
            int at = text.indexOf("\"shop-loop\" #");
            assertTrue(at >= 0, text);
            String block = text.substring(at, text.indexOf("\n\n", at));
            assertTrue(block.contains("java.lang.Thread.State: WAITING (parking)"), block);
            assertTrue(block.contains(String.format("\t- locked <0x%016x> (a java.lang.Object)", System.identityHashCode(monitor))),
                    block);
        }
        assertEquals("shop.loop", hang.routingKey());
        assertEquals("shop.loop", Watched.field(hang, "loop"));
        assertEquals("shop-loop", Watched.field(hang, "thread"));
        assertEquals(files.stream().map(p -> p.toAbsolutePath().toString()).toList(), Watched.field(hang, "files"));
        assertTrue(((Number) Watched.field(hang, "stalledMs")).doubleValue() >= 100, hang.toString());
        assertTrue(((Number) Watched.field(hang, "gcMs")).longValue() >= 0);
        assertEquals(false, Watched.field(hang, "recovered"));
        assertTrue(((List<?>) Watched.field(hang, "stack")).stream().anyMatch(f -> f.toString().contains("CountDownLatch.await")),
                hang.toString());

        release.countDown();
        Event ended = awaitEvent("loop.hang.ended", 1);
        assertEquals("shop-loop", Watched.field(ended, "thread"));
        assertTrue(((Number) Watched.field(ended, "durationMs")).doubleValue() >= 100, ended.toString());
        assertEquals(Watched.field(hang, "files"), Watched.field(ended, "files"));

        CountDownLatch again = new CountDownLatch(1);
        stall(again);
        awaitEvent("loop.hang", 2);
        assertEquals(6, dumps().size(), "re-armed after recovery: a second set");
        again.countDown();
        awaitEvent("loop.hang.ended", 2);
    }

    /** Waits for {@code release}: a frame to find in the dump of virtual threads. */
    private static void parkedInVirtualThread(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On JDK 21+, a virtual thread named {@code name} parked in {@link #parkedInVirtualThread} until {@code release}; else null. */
    private static ExecutorService parkedVirtualThread(String name, CountDownLatch release) throws Exception {
        if (!VirtualThreadDump.available()) {
            return null;
        }
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        CountDownLatch named = new CountDownLatch(1);
        virtual.execute(() -> {
            Thread.currentThread().setName(name);
            named.countDown();
            parkedInVirtualThread(release);
        });
        named.await();
        return virtual;
    }

    @Test
    void parkedVirtualThread_byDefault_isInEachOfTheThreeDumps_inJstacksBlockForm() throws Exception {
        w = watched();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService virtual = parkedVirtualThread("vt-parked", release);
        try {
            loop = Executors.newSingleThreadScheduledExecutor();
            w.watches.loop("vt.loop", loop);
            stall(release);
            Event hang = awaitEvent("loop.hang", 1);
            List<Path> files = dumps();
            assertEquals(3, files.size(), "one file per dump, virtual threads in it: " + files);
            assertEquals(files.stream().map(p -> p.toAbsolutePath().toString()).toList(), Watched.field(hang, "files"));
            for (Path file : files) {
                String text = Files.readString(file);
                Map<String, JstackFormat.Thread> threads = JstackFormat.threads(text);
                if (virtual == null) {
                    assertFalse(text.contains("Virtual threads") || threads.values().stream().anyMatch(JstackFormat.Thread::virtual),
                            "no virtual threads before JDK 21: " + text);
                    continue;
                }
                JstackFormat.Thread parked = threads.get("vt-parked");
                assertTrue(parked != null && parked.virtual(), "no virtual thread vt-parked in " + file + ":\n" + text);
                assertTrue(parked.block().contains("\n\tat " + HangTest.class.getName() + ".parkedInVirtualThread(HangTest.java:"),
                        parked.block());
                if (Runtime.version().feature() >= 25) {
                    assertTrue(parked.block().contains("\n   java.lang.Thread.State: WAITING (parking)\n"), parked.block());
                }
            }
        } finally {
            release.countDown();
            if (virtual != null) {
                virtual.shutdown();
            }
        }
    }

    @Test
    void virtualThreadsOff_dumpsHoldPlatformThreadsOnly() throws Exception {
        w = watched("telltale.watch.hang.virtual-threads", "false");
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService virtual = parkedVirtualThread("vt-unseen", release);
        try {
            loop = Executors.newSingleThreadScheduledExecutor();
            w.watches.loop("platform.loop", loop);
            stall(release);
            awaitEvent("loop.hang", 1);
            List<Path> files = dumps();
            assertEquals(3, files.size(), files.toString());
            for (Path file : files) {
                String text = Files.readString(file);
                assertFalse(text.contains("vt-unseen") || text.contains("Virtual threads"), text);
                assertTrue(JstackFormat.threads(text).values().stream().noneMatch(JstackFormat.Thread::virtual), text);
            }
        } finally {
            release.countDown();
            if (virtual != null) {
                virtual.shutdown();
            }
        }
    }

    @Test
    void lockWaitDuringTheStall_isAddedToTheEndedReport_fromJfr() throws Exception {
        w = watched();
        loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "locked-loop"));
        w.watches.loop("locked.loop", loop);
        // JFR records a wait only if the event was on when the wait began
        Await.until(() -> w.service().contention().running(), Watched.WAIT, () -> "the contention recording");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "lock-holder");
        holder.start();
        holding.await();
        loop.execute(() -> {
            synchronized (monitor) { // blocks the loop until the holder lets go
                monitor.notifyAll();
            }
        });
        awaitEvent("loop.hang", 1); // the dumps are written, the recording runs
        release.countDown();
        Event ended = awaitEvent("loop.hang.ended", 1);
        List<?> contention = (List<?>) Watched.field(ended, "contention");
        Map<?, ?> wait = contention.stream().map(c -> (Map<?, ?>) c)
                .filter(c -> "locked-loop".equals(c.get("thread"))).findFirst()
                .orElseThrow(() -> new AssertionError("no wait of the loop in " + ended));
        assertEquals("jdk.JavaMonitorEnter", wait.get("event"));
        assertEquals("java.lang.Object", wait.get("monitor"));
        assertTrue(((Number) wait.get("durationMs")).doubleValue() >= 100, wait.toString());
        assertTrue(String.valueOf(wait.get("at")).startsWith("dev.telltale.core.internal.watch.HangTest."), wait.toString());
        holder.join();
    }

    @Test
    void idleLoop_isNotHung() {
        // an interval long enough that a loaded machine's scheduling delays are no hang
        w = watched("telltale.watch.hang.interval", "500ms");
        loop = Executors.newSingleThreadScheduledExecutor();
        LoopWatch watch = w.watches.loop("idle.loop", loop);
        awaitChecks(watch, 12);
        assertEquals(List.of(), dumps());
        assertEquals(List.of(), w.events("loop.hang"));
    }

    @Test
    void shortStall_recoveredBeforeTheDumpsEnd_stillGetsOneWholeSet() {
        w = watched("telltale.watch.hang.dump-gap", "300ms");
        loop = Executors.newSingleThreadScheduledExecutor();
        w.watches.loop("short.loop", loop);
        CountDownLatch release = new CountDownLatch(1);
        stall(release);
        Await.until(() -> dumps().size() == 1, Watched.WAIT, () -> "the first dump");
        release.countDown();
        Event hang = awaitEvent("loop.hang", 1);
        assertEquals(true, Watched.field(hang, "recovered"));
        awaitEvent("loop.hang.ended", 1);
        assertEquals(3, dumps().size());
    }

    @Test
    void applicationDrivenLoop_hungWhenItStopsBeating_notWhenIdle() {
        w = watched();
        LoopWatch watch = w.watches.loop("manual.loop");
        awaitChecks(watch, 5);
        assertEquals(List.of(), dumps(), "never beat: not watched yet");
        watch.beat();
        watch.idle();
        awaitChecks(watch, 10);
        assertEquals(List.of(), dumps(), "idle is not hung");
        watch.beat();
        Event hang = awaitEvent("loop.hang", 1);
        assertEquals(Thread.currentThread().getName(), Watched.field(hang, "thread"));
        watch.beat();
        awaitEvent("loop.hang.ended", 1);
        watch.close();
        assertEquals(3, dumps().size());
    }

    @Test
    void gcTimeDuringTheStall_isReported() {
        w = watched();
        AtomicLong gc = new AtomicLong(1_000);
        WatchService service = new WatchService(Engines.of(w.telltale), new WatchSettings(Duration.ofSeconds(10),
                Duration.ZERO, Duration.ofMillis(100), 3, Duration.ofMillis(50), dir, false, Duration.ZERO, Duration.ofSeconds(10),
                null, "telltale", false, Duration.ZERO, Duration.ZERO), gc::get);
        try {
            loop = Executors.newSingleThreadScheduledExecutor();
            LoopWatch watch = service.loop("gc.loop", loop);
            awaitChecks(watch, 3);
            CountDownLatch release = new CountDownLatch(1);
            stall(release);
            Await.until(() -> !dumps().isEmpty(), Watched.WAIT, () -> "the first dump");
            gc.addAndGet(70);
            awaitChecks(watch, 3);
            release.countDown();
            Event ended = awaitEvent("loop.hang.ended", 1);
            assertEquals(70L, ((Number) Watched.field(ended, "gcMs")).longValue(), ended.toString());
        } finally {
            service.close();
        }
    }

    @Test
    void unwritableDirectory_failsAtStart_namingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path bad = file.resolve("hangs");
        w = new Watched("telltale.watch.hang.dir", bad.toString());
        loop = Executors.newSingleThreadScheduledExecutor();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.watches.loop("bad.loop", loop));
        assertTrue(e.getMessage().contains("telltale.watch.hang.dir") && e.getMessage().contains(bad.toAbsolutePath().toString()),
                e.getMessage());
    }

    @Test
    void sameName_twice_isRefused_untilClosed() {
        w = watched();
        loop = Executors.newSingleThreadScheduledExecutor();
        LoopWatch first = w.watches.loop("twice", loop);
        assertThrows(IllegalArgumentException.class, () -> w.watches.loop("twice"));
        first.close();
        w.watches.loop("twice").close();
    }

    @Test
    void shutDownLoop_isNoHang() {
        w = watched();
        loop = Executors.newSingleThreadScheduledExecutor();
        LoopWatch watch = w.watches.loop("ending.loop", loop);
        awaitChecks(watch, 2);
        loop.shutdownNow();
        Await.until(() -> {
            try {
                w.watches.loop("ending.loop").close(); // the name is free once the watch closed itself
                return true;
            } catch (IllegalArgumentException stillWatched) {
                return false;
            }
        }, Watched.WAIT, () -> "the watch closes itself");
        assertEquals(List.of(), dumps());
    }

    @Test
    void jfr_recordsTheHang(@TempDir Path jfrDir) throws Exception {
        Path file = jfrDir.resolve("hang.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.Hang");
            recording.start();
            w = watched();
            loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "jfr-loop"));
            LoopWatch watch = w.watches.loop("jfr.loop", loop);
            CountDownLatch release = new CountDownLatch(1);
            stall(release);
            awaitEvent("loop.hang", 1);
            release.countDown();
            awaitEvent("loop.hang.ended", 1);
            awaitChecks(watch, 2); // the JFR event is committed after the pipeline's, by the watcher: let it finish
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.Hang")).toList();
        assertEquals(List.of("hung", "ended"), events.stream().map(e -> e.getString("phase")).toList());
        RecordedEvent ended = events.get(1);
        assertEquals("jfr.loop", ended.getString("loop"));
        assertEquals("jfr-loop", ended.getThread("loopThread").getJavaName());
        assertTrue(ended.getDuration("stall").toMillis() >= 100);
        assertEquals(3, ended.getString("files").lines().count());
    }
}
