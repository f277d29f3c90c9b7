package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.tool.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo run in this JVM: its read-back never holds the shop back, a bad events path is an error,
 * not a crash, and its probe's life is in the events file and the summary.
 */
@Timeout(120)
class DemoCommandTest {

    /** No agent for the demo in this JVM (the launcher's demo, LauncherIT, loads it): its line says why, at once. */
    private static final Path NO_AGENT = Path.of("target", "no-such-dir", "telltale-agent.jar").toAbsolutePath();
    private static String agentJarBefore;

    @BeforeAll
    static void withoutAgent() {
        agentJarBefore = System.setProperty(AgentJar.PROPERTY, NO_AGENT.toString());
    }

    @AfterAll
    static void restoreAgentJar() {
        if (agentJarBefore == null) {
            System.clearProperty(AgentJar.PROPERTY);
        } else {
            System.setProperty(AgentJar.PROPERTY, agentJarBefore);
        }
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String[] demo(String... more) {
        return demoFor("1s", more);
    }

    private String[] demoFor(String duration, String... more) {
        String[] base = {"--duration", duration, "--no-jfr", "--out", dir.resolve("out").toString(),
                "--set", "telltale.flush.interval=20ms"};
        String[] argv = new String[base.length + more.length];
        System.arraycopy(base, 0, argv, 0, base.length);
        System.arraycopy(more, 0, argv, base.length, more.length);
        return argv;
    }

    private int run(DemoCommand command, String... argv) throws Exception {
        return command.run(Args.parse(command.options(), argv), out, err);
    }

    private String output() {
        return "--- stdout\n" + outBytes.toString(StandardCharsets.UTF_8) + "\n--- stderr\n"
                + errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shop_emitsItsFirstEvents_beforeTheReadBackConnects() throws Exception {
        Path events = dir.resolve("out/events.jsonl");
        AtomicBoolean eventsBeforeConnect = new AtomicBoolean();
        DemoCommand demo = new DemoCommand((backend, settings) -> {
            // a broker that answers only once the shop is running: the shop must not wait for it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!hasEvents(events) && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling a file the pipeline writes; bounded by the deadline
            }
            eventsBeforeConnect.set(hasEvents(events));
            return DemoReadBack.open(backend, settings);
        });
        int status = run(demo, demo());
        assertTrue(eventsBeforeConnect.get(), "the shop's events were published before the read-back connected: " + output());
        assertEquals(0, status, output());
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("Events by kind, read back through the file backend"),
                output());
    }

    @Test
    void readBack_thatNeverConnects_doesNotHoldTheDemo_andTheSummarySaysSo() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        DemoCommand demo = new DemoCommand((backend, settings) -> {
            never.await(60, TimeUnit.SECONDS); // a broker that does not answer; interrupted when the run ends
            throw new IllegalStateException("no answer");
        });
        int status = run(demo, demo());
        assertEquals(0, status, output());
        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("The read-back through the file backend had not connected by the end"), output());
        assertTrue(text.contains("The shop handled"), output());
        assertFalse(text.contains("Events by kind"), output());
    }

    @Test
    void eventsPath_underAFile_isAClearError_notACrash() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path events = notADirectory.resolve("events.jsonl");
        String[] argv = demo("--set", "telltale.file.path=" + events);
        String[] command = new String[argv.length + 1];
        command[0] = "demo";
        System.arraycopy(argv, 0, command, 1, argv.length);
        int status = Main.run(command, out, err);
        assertNotEquals(0, status, output());
        String text = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("telltale demo: cannot write events to " + events + ": " + notADirectory
                + " is not a directory"), output());
        assertFalse(text.contains("Exception"), output());
    }

    @Test
    void probe_onThePaymentGateway_attachesReportsLogsExpiresAndDetaches_inTheEventsFile() throws Exception {
        // long enough that the probe, attached a quarter in, expires at three quarters however slow the machine
        int status = run(new DemoCommand(), demoFor("4s"));
        assertEquals(0, status, output());

        Map<String, Integer> kinds = new TreeMap<>();
        Set<String> reporting = new TreeSet<>();
        String reason = null;
        for (String line : Files.readAllLines(dir.resolve("out/events.jsonl"))) {
            Map<String, Object> event = Json.parseObject(line);
            String kind = (String) event.get("kind");
            if (!kind.startsWith("probe.")) {
                continue;
            }
            Map<?, ?> fields = (Map<?, ?>) event.get("fields");
            if (DemoSpecs.TARGET.equals(fields.get("target")) || "telltale.probe.manager".equals(event.get("routingKey"))) {
                continue; // the probe manager's spec and its own events (DemoSpecs)
            }
            kinds.merge(kind, 1, Integer::sum);
            if (DemoAgent.TARGET.equals(fields.get("target"))) {
                continue; // the agent's probe by name, when the agent is there
            }
            assertEquals("dev.telltale.cli.DemoPayments#charge", fields.get("target"), line);
            if (kind.equals("probe.metric")) {
                reporting.add((String) fields.get("instrument"));
            } else if (kind.equals("probe.detached")) {
                reason = (String) fields.get("reason");
            }
        }
        assertEquals(1, kinds.getOrDefault("probe.attached", 0), kinds + "\n" + output());
        assertEquals(3, kinds.getOrDefault("probe.added", 0), kinds + "\n" + output());
        assertEquals(Set.of("charge-time", "charges"), reporting, kinds + "\n" + output());
        assertTrue(kinds.getOrDefault("probe.log", 0) > 0, kinds + "\n" + output());
        assertEquals(3, kinds.getOrDefault("probe.expired", 0), kinds + "\n" + output());
        assertEquals(1, kinds.getOrDefault("probe.detached", 0), kinds + "\n" + output());
        assertEquals("no instruments left", reason, output());

        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Probes: 1 probe on dev.telltale.cli.DemoPayments#charge at "), output());
        assertTrue(text.matches("(?s).*\\n  [0-9,]+ calls counted, [0-9,]+ timed \\(p99 .*, [0-9,]+ logged;"
                + " all 3 expired at [0-9.]+ s and the probe detached\\.\\n.*"), output());
    }

    @Test
    void probeManager_appliesTheDemoSpec_fromItsFileStore_andSpecsLsShowsTheSame() throws Exception {
        int status = run(new DemoCommand(), demo());
        assertEquals(0, status, output());
        String line = outBytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Probe manager: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no Probe manager: line\n" + output()));
        assertTrue(line.matches("Probe manager: spec demo-charges \\(counter on handle:demo.charge\\) from .*specs.json:"
                + " applied by demo-shop@.*:[0-9]+; ./telltale specs ls --store file:.*"), line);
        ByteArrayOutputStream ls = new ByteArrayOutputStream();
        int lsStatus = Main.run(new String[] {"specs", "ls", "--store", "file:" + dir.resolve("out/specs.json")},
                new PrintStream(ls, true, StandardCharsets.UTF_8), err);
        assertEquals(0, lsStatus, output());
        String listed = ls.toString(StandardCharsets.UTF_8);
        assertTrue(listed.startsWith("demo-charges  handle:demo.charge  counter spec-charges"), listed);
        assertTrue(listed.matches("(?s).*\n    demo-shop@\\S+:[0-9]+  applied  .*"), listed);
    }

    @Test
    void agentProbe_whereTheAgentCannotLoad_isOneSummaryLineSayingWhy() throws Exception {
        int status = run(new DemoCommand(), demo());
        assertEquals(0, status, output());
        String agentLine = outBytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Agent: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no Agent: line\n" + output()));
        assertTrue(agentLine.startsWith("Agent: no probe on demoshop.Checkout#total ("), agentLine);
        assertTrue(agentLine.contains("telltale.agent.jar=" + NO_AGENT + " is not a file"), agentLine);
    }

    @Test
    void loopWatch_slowTaskLagAndOneShortHang_inTheEventsFileTheDumpsAndTheSummary() throws Exception {
        int status = run(new DemoCommand(), demoFor("6s"));
        assertEquals(0, status, output());

        Map<String, Integer> kinds = new TreeMap<>();
        Set<String> slowTasks = new TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve("out/events.jsonl"))) {
            Map<String, Object> event = Json.parseObject(line);
            String kind = (String) event.get("kind");
            if (kind.startsWith("loop.")) {
                kinds.merge(kind, 1, Integer::sum);
                if (kind.equals("loop.slow-task.ended")) {
                    slowTasks.add((String) ((Map<?, ?>) event.get("fields")).get("task"));
                }
            }
        }
        assertTrue(slowTasks.contains("demo.shop.reindex"), kinds + " " + slowTasks + "\n" + output());
        assertEquals(1, kinds.getOrDefault("loop.hang", 0), kinds + "\n" + output());
        assertEquals(1, kinds.getOrDefault("loop.hang.ended", 0), kinds + "\n" + output());
        assertTrue(kinds.getOrDefault("loop.lag", 0) > 0, kinds + "\n" + output());
        List<Path> dumps;
        try (var files = Files.list(dir.resolve("out/hangs"))) {
            dumps = files.sorted().toList();
        }
        assertEquals(3, dumps.size(), dumps + "\n" + output());

        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Loop watch: ") && text.contains("demo.shop.reindex 1.")
                && text.contains("lag of demo.shop.clock: p99 up to ") && text.contains("1 hang (the last ")
                && text.contains("3 thread dumps in " + dir.resolve("out/hangs") + "/: " + dumps.get(0).getFileName()
                        + ", " + dumps.get(1).getFileName() + ", " + dumps.get(2).getFileName() + "."), output());
    }

    @Test
    void shortRun_hasNoDeliberateHang_andSaysSo() throws Exception {
        int status = run(new DemoCommand(), demo());
        assertEquals(0, status, output());
        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Loop watch: no slow tasks; ") && text.contains("no thread dumps.")
                && text.contains("(a run of 5 s or more has a deliberately slow task and a short hang)"), output());
    }

    private static boolean hasEvents(Path events) {
        try {
            return Files.exists(events) && Files.size(events) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
