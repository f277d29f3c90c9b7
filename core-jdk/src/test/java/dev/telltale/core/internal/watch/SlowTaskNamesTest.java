package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.Tracer;
import dev.telltale.trace.Tracing;
import dev.telltale.watch.NamedTask;
import dev.telltale.watch.SlowTask;
import dev.telltale.watch.SlowTask.Phase;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A slow task keeps its real name through the wrappers around it: tracing's, and the application's own. */
@Timeout(60)
class SlowTaskNamesTest {

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

    private void restock() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String price() {
        restock();
        return "priced";
    }

    /** An application's wrapper that carries something to the worker and passes its task's name on. */
    private record Carrying(Runnable task) implements Runnable, NamedTask {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public String taskName() {
            return "carried " + task;
        }
    }

    @Test
    void tracingsCarrier_aroundAWatchedPool_isSeenThrough() throws Exception {
        w = new Watched("telltale.watch.slow-task.threshold", "20ms");
        pool = Tracing.wrap(w.watches.watch("traced.pool", Executors.newFixedThreadPool(1)));
        Tracer tracer = Tracing.of(w.telltale).tracer("shop", Sampler.always());
        try (Span span = tracer.span("checkout")) {
            pool.execute(this::restock); // carried in a CarriedRunnable, then watched
        }
        SlowTask running = w.awaitReports(1).get(0);
        assertEquals(Phase.RUNNING, running.phase());
        assertEquals("SlowTaskNamesTest.restock", running.task(), "the carried task's name, not the carrier's");
        release.countDown();
        List<SlowTask> reports = w.awaitReports(2);
        assertEquals(Phase.ENDED, reports.get(1).phase());
        assertEquals("SlowTaskNamesTest.restock", reports.get(1).task());
    }

    @Test
    void tracingsCarrier_ofACallable_isSeenThrough() throws Exception {
        w = new Watched("telltale.watch.slow-task.threshold", "20ms");
        pool = Tracing.wrap(w.watches.watch("traced.pool", Executors.newFixedThreadPool(1)));
        Tracer tracer = Tracing.of(w.telltale).tracer("shop", Sampler.always());
        Future<String> priced;
        try (Span span = tracer.span("checkout")) {
            priced = pool.submit(this::price);
        }
        assertEquals("SlowTaskNamesTest.price", w.awaitReports(1).get(0).task());
        release.countDown();
        assertEquals("priced", priced.get(Watched.WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("SlowTaskNamesTest.price", w.awaitReports(2).get(1).task());
    }

    @Test
    void applicationWrapper_namesItsTask() {
        w = new Watched("telltale.watch.slow-task.threshold", "20ms");
        pool = w.watches.watch("wrapped.pool", Executors.newFixedThreadPool(1));
        Runnable inner = new Runnable() {
            @Override
            public void run() {
                restock();
            }

            @Override
            public String toString() {
                return "restock";
            }
        };
        pool.execute(new Carrying(inner));
        assertEquals("carried restock", w.awaitReports(1).get(0).task());
        release.countDown();
        assertEquals("carried restock", w.awaitReports(2).get(1).task());
    }
}
