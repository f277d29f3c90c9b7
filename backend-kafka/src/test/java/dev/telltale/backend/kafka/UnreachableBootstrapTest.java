package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** No broker at the bootstrap address when the application starts. */
class UnreachableBootstrapTest {

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void monitor_closedPort_failsClearlyWithinTheOpenTimeout() throws Exception {
        String bootstrap = "127.0.0.1:" + closedPort();
        for (String[] options : new String[][] {{"open-timeout", "1s"}, {"open-timeout", "1s", "group", "ops"}}) {
            long start = System.nanoTime();
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> Pipelines.source(bootstrap, Map.of(), java.util.List.of(), options).close());
            assertTrue(e.getMessage().startsWith("cannot reach Kafka at " + bootstrap + " within 1000 ms"), e.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        }
    }

    @Test
    void closedPort_applicationStartsAndEmitsWithoutBlocking_warnsClearly_countsDrops() throws Exception {
        String bootstrap = "127.0.0.1:" + closedPort();
        try (LogCapture log = new LogCapture()) {
            long start = System.nanoTime();
            Telltale telltale = Pipelines.builder(bootstrap, "telltale.events")
                    .set("telltale.kafka.max.block.ms", "2000")
                    .set("telltale.retry.attempts", "2")
                    .build();
            try (telltale) {
                Emitter emitter = telltale.emitter("app.start");
                long slowest = 0;
                for (int i = 0; i < 100; i++) {
                    long before = System.nanoTime();
                    emitter.emit("started", Map.of("i", i));
                    slowest = Math.max(slowest, System.nanoTime() - before);
                }
                long startedIn = System.nanoTime() - start;
                assertTrue(startedIn < Duration.ofMillis(1500).toNanos(), "building and emitting took " + startedIn / 1_000_000 + "ms");
                // a send blocked on the missing broker would take max.block.ms (2 s); the first emit of a
                // fresh JVM loads classes, which takes tens of milliseconds
                assertTrue(slowest < Duration.ofMillis(1000).toNanos(), "one emit took " + slowest / 1_000_000 + "ms");

                String expected = "cannot reach Kafka at " + bootstrap + " within 2 s";
                Await.until(() -> log.messages(Level.WARNING).stream().anyMatch(m -> m.contains(expected)),
                        Duration.ofSeconds(30), () -> "a WARNING containing '" + expected + "' in " + log.all());
                assertTrue(telltale.flush(Duration.ofSeconds(30)));
                PipelineStats stats = telltale.stats();
                assertEquals(100, stats.offered(), stats.toString());
                assertEquals(100, stats.droppedBackendError(), stats.toString());
                assertEquals(0, stats.published());
                assertEquals(0, stats.pending());
                assertEquals(1, log.messages(Level.WARNING).stream().filter(m -> m.contains("failed")).count(),
                        "the first failure is logged once: " + log.all());
            }
        }
    }
}
