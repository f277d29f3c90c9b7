package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.Await;
import dev.telltale.watch.Watches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The log line of a slow task, beside its event, JFR event and handlers: through {@code System.Logger} {@code dev.telltale.watch}. */
@Timeout(60)
class SlowTaskLogTest {

    private final Logger log = Logger.getLogger("dev.telltale.watch"); // where System.Logger goes by default
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler keep = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService pool;
    private Watched w;

    @AfterEach
    void stop() {
        release.countDown();
        log.removeHandler(keep);
        if (pool != null) {
            pool.shutdownNow();
        }
        if (w != null) {
            w.close();
        }
    }

    private List<LogRecord> about(String task) {
        synchronized (records) {
            return records.stream().filter(r -> r.getMessage().contains("slow task '" + task + "'")).toList();
        }
    }

    @Test
    void slowTask_isLoggedAtWarningWithItsStack_whileRunning_andAtInfoWhenItEnds() {
        log.addHandler(keep);
        w = new Watched("telltale.watch.slow-task.threshold", "20ms");
        pool = w.watches.watch("logged.pool", Executors.newFixedThreadPool(1));
        pool.execute(Watches.named("log-task", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Await.until(() -> about("log-task").size() == 1, Watched.WAIT, () -> "a running line, have " + records);
        LogRecord running = about("log-task").get(0);
        assertEquals(Level.WARNING, running.getLevel());
        assertTrue(running.getMessage().contains("of logged.pool") && running.getMessage().contains("has run ")
                && running.getMessage().contains("\n\tat "), running.getMessage());
        release.countDown();
        Await.until(() -> about("log-task").size() == 2, Watched.WAIT, () -> "an ended line, have " + records);
        LogRecord ended = about("log-task").get(1);
        assertEquals(Level.INFO, ended.getLevel(), "a task reported running ends at INFO");
        assertTrue(ended.getMessage().contains("ended after "), ended.getMessage());
    }
}
