package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.context.Context;
import dev.telltale.monitor.CollatedObject;
import dev.telltale.monitor.Monitor;
import dev.telltale.monitor.MonitorOptions;
import dev.telltale.monitor.MonitorStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contexts to the file backend to the monitor, for real: thousands of threads each live a
 * context of their own at the same time, and every object comes back exactly.
 */
class ContextCollationTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void thousandsOfThreads_eachUpdatingItsOwnContext_everyObjectCollatedExactly() throws Exception {
        int threads = 2000;
        int updates = 10;
        Path events = dir.resolve("events.jsonl");
        PipelineStats stats;
        try (Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("file")
                .set("telltale.file.path", events.toString()).queueCapacity(64 * 1024)
                .healthInterval(Duration.ZERO).build()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    try (Context ctx = Context.builder().telltale(telltale).name("load.t" + (n % 7)).id("ctx-" + n)
                            .fields(Map.of("thread", n, "scratch", "x")).start()) {
                        for (int u = 1; u <= updates; u++) {
                            ctx.set("counter", u);
                            ctx.update(Map.of("half", u / 2, "label", "t" + n + "-" + u));
                        }
                        ctx.remove("scratch");
                        ctx.log().info("thread {thread} done at {counter}");
                    }
                });
                workers.add(t);
                t.start();
            }
            go.countDown();
            for (Thread t : workers) {
                t.join();
            }
            assertTrue(telltale.flush(Duration.ofSeconds(60)));
            stats = telltale.stats();
        }
        assertEquals(0, stats.dropped(), stats.toString());
        assertEquals((long) threads * (2 * updates + 4), stats.published());

        Map<String, CollatedObject> objects = new HashMap<>();
        try (MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().backend("file")
                .set("telltale.file.path", events.toString()).build())) {
            for (CollatedObject o : stream) {
                objects.put(o.id(), o);
            }
            assertEquals(0, stream.counts().malformed());
        }
        assertEquals(threads, objects.size());
        for (int n = 0; n < threads; n++) {
            CollatedObject o = objects.get("ctx-" + n);
            assertEquals(CollatedObject.Status.FINISHED, o.status(), o.toString());
            assertTrue(o.complete(), o.toString());
            assertEquals(List.of(), o.gaps());
            assertEquals(2 * updates + 4, o.messages());
            assertEquals("load.t" + (n % 7), o.routingKey());
            assertEquals(Map.of("thread", (long) n, "counter", (long) updates, "half", (long) updates / 2,
                    "label", "t" + n + "-" + updates), o.fields(), o.toString());
            assertEquals(1, o.log().size());
            assertTrue(String.valueOf(o.log().get(0)).contains("thread " + n + " done at " + updates), o.log().toString());
        }
    }
}
