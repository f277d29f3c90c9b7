package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.Await;
import dev.telltale.watch.SlowTask;
import dev.telltale.watch.SlowTask.Phase;
import dev.telltale.watch.Watches;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PinnedTest {

    private ExecutorService pool;
    private Watched w;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (w != null) {
            w.close();
        }
    }

    /**
     * Sleeps in its static initializer: a virtual thread that initializes it blocks with a VM call
     * on its stack, which pins its carrier even on JDK 24+ (where {@code synchronized} no longer
     * does). Initialized once per JVM, by the test below only.
     */
    static final class SlowInit {
        static {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
            // initializes the class
        }
    }

    private static ExecutorService virtualThreads() throws Exception {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    /** Runs {@code task} on the watched pool and waits until it is done. */
    private void runAndWait(Runnable task) throws Exception {
        pool.submit(task).get(Watched.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits until the watcher ran what was handed to it before this call. */
    private void awaitWatcher() throws Exception {
        w.service().timer().submit(() -> { }).get(Watched.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void taskPinningItsCarrier_onJdk21_isReportedOnceAsSlowTaskOfItsExecutor() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        w = new Watched("telltale.watch.slow-task.threshold", "10s", "telltale.watch.pinned.threshold", "20ms");
        pool = w.watches.watch("pinned.pool", virtualThreads());
        runAndWait(() -> { }); // the first virtual thread starts the JFR stream
        Await.until(() -> w.service().pinnedCarriers().running(), Watched.WAIT, () -> "the pinned stream running");

        runAndWait(Watches.named("init-slow-class", SlowInit::touch));

        SlowTask report = w.awaitReports(1).get(0);
        assertEquals(Phase.PINNED, report.phase());
        assertEquals("pinned.pool", report.executor());
        assertEquals("init-slow-class", report.task());
        assertFalse(report.reportedRunning());
        assertTrue(report.elapsed().compareTo(Duration.ofMillis(20)) >= 0, report.toString());
        assertTrue(report.stack().stream().anyMatch(f -> f.getMethodName().equals("<clinit>")
                && f.getClassName().equals(SlowInit.class.getName())), report.toString());
        List<Event> events = w.events("loop.slow-task");
        assertEquals(1, events.size(), events.toString());
        Event e = events.get(0);
        assertEquals("loop.slow-task", e.kind());
        assertEquals(true, Watched.field(e, "pinned"));
        assertEquals("pinned.pool", Watched.field(e, "executor"));
        assertEquals("init-slow-class", Watched.field(e, "task"));
        assertTrue(String.valueOf(Watched.field(e, "pinnedReason")).contains("<clinit>"), e.toString());
        assertEquals(List.of(report), w.reports());
    }

    @Test
    void virtualThreadThatRanNoWatchedTask_isNotReported() throws Exception {
        w = new Watched("telltale.watch.pinned.threshold", "20ms");
        pool = w.watches.watch("pool", Executors.newSingleThreadExecutor());
        runAndWait(() -> { });
        w.service().pinned(new PinnedCarriers.Pin(Long.MAX_VALUE, Instant.now(), Duration.ofMillis(50), "park",
                "native frame", "carrier-1", List.of()));
        assertEquals(List.of(), w.reports());
        assertEquals(List.of(), w.events("loop.slow-task"));
    }

    @Test
    void beforeJdk21_noStreamStarts() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "JDK 21+ has virtual threads");
        w = new Watched("telltale.watch.pinned.threshold", "20ms");
        pool = w.watches.watch("pool", Executors.newSingleThreadExecutor());
        runAndWait(() -> { });
        awaitWatcher();
        assertFalse(PinnedCarriers.supported());
        assertFalse(w.service().pinnedCarriers().running());
        assertEquals(List.of(), w.reports());
    }

    @Test
    void zeroThreshold_turnsPinnedReportsOff() throws Exception {
        w = new Watched("telltale.watch.pinned.threshold", "0s");
        assertNull(w.service().pinnedCarriers());
    }
}
