package dev.telltale.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
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
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent runs a probe manager on a spec store in a JVM that never had Telltale on its class
 * path: the JVM applies the spec put there to one of its methods and reports back through the
 * store. Three ways in: {@code -javaagent:telltale-agent.jar=store=file:PATH} at start-up, the
 * agent loaded by process id with {@code store=...}, and a request carrying {@code
 * telltale.probe.manager.store} (what {@code ./telltale probe ... --set} sends).
 */
class AgentStoreIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CHECKOUT = "com.example.shop.Orders#checkout";
    private static final Path JAVA = Path.of(System.getProperty("java.home"));

    private Path specs;
    private SpecStore store;

    @BeforeEach
    void putSpec() throws Exception {
        specs = Files.createTempDirectory("telltale-agent-store-").resolve("specs.json");
        store = new FileSpecStore(specs, Duration.ofSeconds(5));
        ProbeSpec spec = SpecJson.parse("{\"id\":\"checkouts\",\"target\":\"" + CHECKOUT + "\","
                + "\"instrument\":{\"type\":\"counter\",\"name\":\"checkouts\"},\"lifespan\":\"10m\","
                + "\"lastModified\":\"" + Instant.now() + "\"}");
        store.put(spec.id(), SpecJson.toJson(spec, false));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void storeOption_atStartUp_appliesTheStoresSpecToANamedMethod_andReportsApplied() throws Exception {
        try (ChildJvm child = new ChildJvm(JAVA, List.of(
                "-javaagent:" + ChildJvm.AGENT_JAR.toAbsolutePath() + "=store=file:" + specs,
                "-Dtelltale.probe.manager.interval=200ms",
                "-Dtelltale.probe.manager.service=shop",
                "-Dtelltale.probe.report-interval=200ms"))) {
            assertAppliedBy(child, "shop@");
        }
    }

    @Test
    void storeOption_whenLoadedByProcessId_appliesTheStoresSpec() throws Exception {
        try (ChildJvm child = new ChildJvm(JAVA, List.of("-Dtelltale.probe.manager.interval=200ms",
                "-Dtelltale.probe.report-interval=200ms"))) {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(child.pid));
            try {
                vm.loadAgent(ChildJvm.AGENT_JAR.toAbsolutePath().toString(), "store=file:" + specs);
            } finally {
                vm.detach();
            }
            assertAppliedBy(child, "");
        }
    }

    @Test
    void requestSettingTheStore_startsTheManagerWithTheAgentsPipeline() throws Exception {
        try (ChildJvm child = new ChildJvm(JAVA, List.of())) {
            Properties response = child.request(Map.of("command", "list",
                    "telltale.probe.manager.store", "file:" + specs,
                    "telltale.probe.manager.interval", "200ms",
                    "telltale.probe.manager.service", "attached"));
            assertEquals("true", response.getProperty("ok"), response.toString());
            assertAppliedBy(child, "attached@");
        }
    }

    @Test
    void attachWithAStoreAndNoTarget_runsOnlyTheManager_andAnotherStoreLaterIsRefusedSayingWhy() throws Exception {
        try (ChildJvm child = new ChildJvm(JAVA, List.of())) {
            Properties response = child.request(Map.of("command", "attach",
                    "telltale.probe.manager.store", "file:" + specs,
                    "telltale.probe.manager.interval", "200ms",
                    "telltale.probe.manager.service", "fleet"));
            assertEquals("true", response.getProperty("ok"), response.toString());
            assertTrue(response.getProperty("message", "").startsWith("a probe manager runs on file:" + specs), response.toString());
            assertAppliedBy(child, "fleet@");

            Properties other = child.request(Map.of("command", "attach",
                    "telltale.probe.manager.store", "file:" + specs.resolveSibling("other.json")));
            assertEquals("false", other.getProperty("ok"), other.toString());
            assertTrue(other.getProperty("message", "").contains("already running"), other.toString());
        }
    }

    private void assertAppliedBy(ChildJvm child, String processPrefix) throws Exception {
        Map<String, String> statuses = Map.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; i < 600 && System.nanoTime() < deadline && statuses.isEmpty(); i++) {
            Thread.sleep(100); // the child's manager writes the file on its own interval
            statuses = store.statuses().getOrDefault("checkouts", Map.of());
        }
        assertEquals(1, statuses.size(), "statuses " + statuses + "; stderr: " + child.stderr());
        String process = statuses.keySet().iterator().next();
        assertTrue(process.startsWith(processPrefix) && process.endsWith(":" + child.pid), process);
        ProbeSpec.Applied applied = SpecJson.parseApplied(statuses.get(process));
        assertEquals(ProbeSpec.Status.APPLIED, applied.status(), applied + "; stderr: " + child.stderr());

        Map<String, Object> metric = child.await("the counter's report",
                e -> ChildJvm.is(e, "probe.metric", CHECKOUT), WAIT);
        assertTrue(metric.toString().contains("checkouts"), metric.toString());
    }
}
