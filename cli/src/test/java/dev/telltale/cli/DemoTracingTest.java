package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo's two traced HTTP services: checkouts are answered, and the summary says where to look. */
class DemoTracingTest {

    @Test
    void checkoutsAnswered_summaryNamesTheLastTraceAndWhereToLook() throws Exception {
        try (Telltale telltale = Telltale.builder().backend("none").readEnvironment(false).shutdownHook(false).build()) {
            List<String> lines;
            try (DemoTracing demo = DemoTracing.start(telltale)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (demo.requests() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the caller sends ten a second
                }
                assertTrue(demo.requests() >= 3, "checkouts answered: " + demo.requests());
                lines = demo.summary(Path.of("out/events.jsonl"), Path.of("out/telltale.jfr"), "http://127.0.0.1:9411/");
            }
            assertEquals(3, lines.size(), lines::toString);
            assertTrue(lines.get(0).matches("Tracing: shop-web called pricing over HTTP for \\d+ checkouts? \\(\\d+ failed or 5xx\\),"
                    + " each a trace of 4 spans; the last is trace [0-9a-f]{32}\\."), lines.get(0));
            assertTrue(lines.get(1).contains("jq -c 'select(.kind == \"span\") | .fields' " + Path.of("out/events.jsonl")), lines.get(1));
            assertTrue(lines.get(1).contains("jfr print --events dev.telltale.Span " + Path.of("out/telltale.jfr")), lines.get(1));
            String traceId = lines.get(0).substring(lines.get(0).length() - 33, lines.get(0).length() - 1);
            assertEquals("  in Zipkin: http://127.0.0.1:9411/zipkin/traces/" + traceId, lines.get(2));
        }
    }

    @Test
    void summary_noFilesNoZipkin_oneLine() throws Exception {
        try (Telltale telltale = Telltale.builder().backend("none").readEnvironment(false).shutdownHook(false).build();
                DemoTracing demo = DemoTracing.start(telltale)) {
            assertEquals(1, demo.summary(null, null, null).size());
        }
    }
}
