package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.core.internal.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./telltale probe attach|list|detach} against a sample application in a child JVM that
 * has no Telltale on its class path, on the JDK running the tests and on JDK 17: the probe's
 * events arrive in the file under the child's working directory, list shows it, detach removes it.
 * Needs the agent jar the build copies to target/agent (failsafe runs after package).
 */
class ProbeCommandIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TARGET = "sample.Orders#checkout";
    private static final String APP = """
            package sample;

            public class Orders {
                static int checkout(int n) {
                    return n * 2 + 1;
                }

                public static void main(String[] args) throws Exception {
                    System.out.println("ready");
                    long end = System.nanoTime() + 120_000_000_000L; // the test kills it long before
                    int sum = 0;
                    while (System.nanoTime() < end) {
                        sum += checkout(sum & 7);
                        Thread.sleep(2); // a service's pace, not a wait for anything
                    }
                    System.out.println(sum);
                }
            }
            """;

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private static Result probe(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = new String[argv.length + 1];
        command[0] = "probe";
        System.arraycopy(argv, 0, command, 1, argv.length);
        int exit = Main.run(command, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void attachListDetach_onTheTestsJdk_timesTheMethodIntoTheTargetsFile() throws Exception {
        attachListDetach(Path.of(System.getProperty("java.home")));
    }

    @Test
    void attachListDetach_onJdk17_timesTheMethodIntoTheTargetsFile() throws Exception {
        Path jdk17 = ChildJvm.jdk17();
        assumeTrue(jdk17 != null, "no JDK 17 in /usr/lib/jvm: the JDK 17 target is not tested here");
        attachListDetach(jdk17);
    }

    @Test
    void cliOnAJdkWithoutJdkAttach_saysWhatItNeeds() throws Exception {
        Processes.Result r = Processes.run(List.of(Processes.java(), "--limit-modules", "java.se,jdk.jfr,jdk.management",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "probe", "list", "--pid",
                Long.toString(ProcessHandle.current().pid())), dir, TIMEOUT);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("telltale probe: the JDK running this command (" + System.getProperty("java.home")
                + ") has no jdk.attach module, which attaching needs; run it with a full JDK 17+ (set JAVA_HOME)"), r.toString());
    }

    private void attachListDetach(Path javaHome) throws Exception {
        Path classes = dir.resolve("classes");
        ChildJvm.compile(classes, Map.of("Orders.java", APP), null);
        try (ChildJvm app = ChildJvm.start(javaHome, dir, List.of("-cp", classes.toString(), "sample.Orders"))) {
            app.awaitOutput("ready", TIMEOUT);
            String pid = Long.toString(app.pid());
            Result attached = probe("attach", "--pid", pid, "--target", TARGET, "--instrument", "timer", "--lifespan", "10m",
                    "--set", "telltale.probe.report-interval=100ms");
            assertEquals(0, attached.exit(), attached + "\n" + app);
            Path events = dir.resolve("telltale-out").resolve("events.jsonl");
            assertTrue(attached.out().startsWith("Process " + pid + " (Java "), attached.toString());
            assertTrue(attached.out().contains(TARGET), attached.toString());
            assertTrue(attached.out().contains("Events go to ") && attached.out().contains("telltale-out/events.jsonl"), attached.toString());
            int feature = feature(javaHome);
            assertEquals(feature >= 21, attached.out().contains("without -XX:+EnableDynamicAgentLoading"), attached.toString());
            assertEquals(feature >= 21, app.err().contains("A Java agent has been loaded dynamically"), app.toString());

            app.awaitCondition("a probe.metric event that timed calls of " + TARGET, () -> !ChildJvm.lines(events,
                    line -> timedCalls(line) > 0).isEmpty(), TIMEOUT);

            Result list = probe("list", "--pid", pid);
            assertEquals(0, list.exit(), list + "\n" + app);
            assertTrue(list.out().contains("\n  " + TARGET), list.toString());
            assertTrue(list.out().contains("timer:timer:"), list.toString());

            Result refused = probe("attach", "-p", pid, "-t", "sample.Orders#refund");
            assertEquals(1, refused.exit(), refused.toString());
            assertTrue(refused.err().startsWith("telltale probe attach: ") && refused.err().contains("refund"), refused.toString());

            Result detached = probe("detach", "--pid", pid, TARGET);
            assertEquals(0, detached.exit(), detached + "\n" + app);
            Result empty = probe("list", "--pid", pid);
            assertEquals(0, empty.exit(), empty.toString());
            assertTrue(empty.out().contains("no probes attached"), empty.toString());
            assertFalse(empty.out().contains(TARGET), empty.toString());
            app.awaitCondition("a probe.detached event", () -> !ChildJvm.lines(events,
                    line -> line.contains("\"probe.detached\"") && line.contains(TARGET)).isEmpty(), TIMEOUT);
        }
    }

    /** The calls a probe.metric event of the timer on {@link #TARGET} counted, else 0. */
    private static long timedCalls(String line) {
        Map<String, Object> event = JsonReader.parseObject(line);
        if (!"probe.metric".equals(event.get("kind")) || !(event.get("fields") instanceof Map<?, ?> fields)
                || !TARGET.equals(fields.get("target"))) {
            return 0;
        }
        return fields.get("count") instanceof Number n ? n.longValue() : 0;
    }

    private static int feature(Path javaHome) throws Exception {
        String release = Files.readString(javaHome.resolve("release"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
        assertTrue(m.find(), release);
        return Integer.parseInt(m.group(1));
    }
}
