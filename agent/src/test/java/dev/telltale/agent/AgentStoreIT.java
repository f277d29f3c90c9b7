package dev.telltale.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.manage.FileSpecStore;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.spi.SpecStore;
import dev.telltale.tool.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code -javaagent:telltale-agent.jar=store=file:PATH}: a JVM that never had Telltale on its
 * class path runs a probe manager on the spec store, applies the spec put there to one of its
 * methods, and reports back through the store.
 */
class AgentStoreIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CHECKOUT = "com.example.shop.Orders#checkout";

    @Test
    void storeOption_appliesTheStoresSpecToANamedMethod_andReportsApplied() throws Exception {
        Path dir = Files.createTempDirectory("telltale-agent-store-");
        Path specs = dir.resolve("specs.json");
        try (SpecStore store = new FileSpecStore(specs, Duration.ofSeconds(5))) {
            ProbeSpec spec = SpecJson.parse("{\"id\":\"checkouts\",\"target\":\"" + CHECKOUT + "\","
                    + "\"instrument\":{\"type\":\"counter\",\"name\":\"checkouts\"},\"lifespan\":\"10m\","
                    + "\"lastModified\":\"" + Instant.now() + "\"}");
            store.put(spec.id(), SpecJson.toJson(spec, false));

            try (ChildJvm child = new ChildJvm(Path.of(System.getProperty("java.home")), List.of(
                    "-javaagent:" + ChildJvm.AGENT_JAR.toAbsolutePath() + "=store=file:" + specs,
                    "-Dtelltale.probe.manager.interval=200ms",
                    "-Dtelltale.probe.manager.service=shop",
                    "-Dtelltale.probe.report-interval=200ms"))) {
                Map<String, String> statuses = Map.of();
                long deadline = System.nanoTime() + WAIT.toNanos();
                for (int i = 0; i < 600 && System.nanoTime() < deadline && statuses.isEmpty(); i++) {
                    Thread.sleep(100); // the child's manager writes the file on its own interval
                    statuses = store.statuses().getOrDefault("checkouts", Map.of());
                }
                assertEquals(1, statuses.size(), "statuses " + statuses + "; stderr: " + child.stderr());
                String process = statuses.keySet().iterator().next();
                assertTrue(process.startsWith("shop@") && process.endsWith(":" + child.pid), process);
                ProbeSpec.Applied applied = SpecJson.parseApplied(statuses.get(process));
                assertEquals(ProbeSpec.Status.APPLIED, applied.status(), applied + "; stderr: " + child.stderr());

                Map<String, Object> metric = child.await("the counter's report",
                        e -> ChildJvm.is(e, "probe.metric", CHECKOUT), WAIT);
                assertTrue(metric.toString().contains("checkouts"), metric.toString());
            }
        }
    }
}
