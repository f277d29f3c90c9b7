package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./telltale probe} through {@link Main#run}: the command lines it refuses before touching
 * any JVM, the processes it cannot attach to, and the request it writes for the agent.
 */
class ProbeCommandTest {

    private record Result(int exit, String out, String err) {}

    private static Result run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUsage(Result r, String expected) {
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("telltale probe: " + expected), r.toString());
        assertTrue(r.err().contains("Run './telltale probe --help' for its options."), r.toString());
    }

    @Test
    void attach_withoutPid_saysPidIsNeeded() {
        assertUsage(run("probe", "attach", "--target", "com.acme.Orders#checkout"),
                "--pid is needed: the process id of the target JVM (jps lists them)");
    }

    @Test
    void list_withPidThatIsNoNumber_saysItIsNoProcessId() {
        assertUsage(run("probe", "list", "--pid", "12ab"), "--pid: '12ab' is not a process id (a positive whole number)");
        assertUsage(run("probe", "list", "--pid", "-1"), "--pid: '-1' is not a process id (a positive whole number)");
    }

    @Test
    void unknownSubCommand_namesItAndSuggestsTheClosest() {
        assertUsage(run("probe", "atach", "--pid", "1"), "unknown sub-command 'atach' (attach, list or detach); did you mean attach?");
        assertUsage(run("probe", "--pid", "1"), "say what to do: attach, list or detach");
    }

    @Test
    void attach_withBadLifespan_namesIt() {
        assertUsage(run("probe", "attach", "--pid", "1", "--target", "a.B#c", "--lifespan", "ten minutes"),
                "--lifespan: 'ten minutes' is not a duration such as 10m, 90s or PT10M");
        assertUsage(run("probe", "attach", "--pid", "1", "--target", "a.B#c", "--lifespan", "0s"),
                "--lifespan must be longer than 0: 0s");
    }

    @Test
    void attach_withBadTargetOrEvent_saysWhatIsWrong() {
        assertUsage(run("probe", "attach", "--pid", "1"), "--target is needed: the method, as com.acme.Orders#checkout");
        assertUsage(run("probe", "attach", "--pid", "1", "--target", "com.acme.Orders.checkout"),
                "--target: target 'com.acme.Orders.checkout' has no '#'");
        assertUsage(run("probe", "attach", "--pid", "1", "--target", "a.B#c", "--event", "exit"),
                "--event: 'exit' is not call, return or exception");
    }

    @Test
    void detachAndList_refuseWhatBelongsToAttach_andDetachNeedsOneProbe() {
        assertUsage(run("probe", "detach", "--pid", "1"),
                "detach needs what to detach: a probe's target as 'probe list' prints it, or all");
        assertUsage(run("probe", "detach", "--pid", "1", "a.B#c", "d.E#f"), "detach takes one probe (or all), not a.B#c d.E#f");
        assertUsage(run("probe", "list", "--pid", "1", "--target", "a.B#c"), "--target is for attach only, not list");
    }

    @Test
    void help_listsTheProbeCommandAndItsSubCommands() {
        Result all = run("--help");
        assertEquals(0, all.exit());
        assertTrue(all.out().matches("(?s).*\\n  probe +attach probes to any method of a running JVM by name.*"), all.out());
        Result probe = run("probe", "--help");
        assertEquals(0, probe.exit());
        assertTrue(probe.out().startsWith("Usage: ./telltale probe attach|list|detach --pid N [options]"), probe.out());
        assertTrue(probe.out().contains("-XX:+EnableDynamicAgentLoading"), probe.out());
    }

    @Test
    void list_ofAProcessThatIsGone_saysThereIsNone() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "java -version did not end");
        } finally {
            p.destroyForcibly();
        }
        Result r = run("probe", "list", "--pid", Long.toString(p.pid()));
        assertEquals(1, r.exit(), r.toString());
        assertEquals("telltale probe list: no process with id " + p.pid() + "\n", r.err());
    }

    @Test
    void list_ofAProcessThatIsNoJvm_saysSoWithItsCommand() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Result r = run("probe", "list", "--pid", Long.toString(sleep.pid()));
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().startsWith("telltale probe list: process " + sleep.pid() + " is not a Java VM (it runs "), r.err());
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void dynamicLoadWarning_isSaidFor21AndLater_unlessEnabledOnTheCommandLine() {
        assertFalse(new AgentAttach.Vm(17, "-Xmx1g").warnsOnDynamicLoad());
        assertTrue(new AgentAttach.Vm(21, "-Xmx1g -javaagent:/opt/telltale-agent.jar").warnsOnDynamicLoad());
        assertTrue(new AgentAttach.Vm(25, "").warnsOnDynamicLoad());
        assertFalse(new AgentAttach.Vm(25, "-XX:+EnableDynamicAgentLoading -Xmx1g").warnsOnDynamicLoad());
    }

    @Test
    void request_forAttachWithAStoreOnly_runsAManagerThere_withAFilePathMadeAbsolute() throws Exception {
        Args args = Args.parse(new ProbeCommand().options(), new String[] {"attach", "--pid", "7", "--store", "file:specs.json"});
        Properties p = ProbeRequest.build("attach", args, Path.of("/tmp/response.properties"));
        assertEquals("file:" + Path.of("specs.json").toAbsolutePath(), p.getProperty("telltale.probe.manager.store"), p.toString());
        assertEquals(null, p.getProperty("target"), p.toString());
        Result none = run("probe", "attach", "--pid", "7");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("--store ADDRESS"), none.err());
    }

    @Test
    void request_forAttach_carriesTheOptionsAndTheTargetsPipelineSettings() throws Exception {
        Args args = Args.parse(new ProbeCommand().options(), new String[] {"attach", "--pid", "7", "-t", " com.acme.Orders#checkout ",
                "-i", "log", "--name", "slow", "--event", "RETURN", "--value", "args[0]", "-c", "elapsed > 5ms", "-m", "slow checkout",
                "--lifespan", "PT10M", "--out", "here", "--set", "telltale.queue.capacity=64", "--set", "telltale.jfr=false"});
        Path response = Path.of("/tmp/response.properties");
        Properties p = ProbeRequest.build("attach", args, response);
        Properties expected = new Properties();
        expected.putAll(java.util.Map.of("command", "attach", "response", response.toString(), "target", "com.acme.Orders#checkout",
                "instrument", "log", "name", "slow", "event", "return", "value", "args[0]", "condition", "elapsed > 5ms",
                "message", "slow checkout", "lifespan", "PT10M"));
        expected.put("telltale.file.path", Path.of("here").toAbsolutePath().resolve("events.jsonl").toString());
        expected.put("telltale.queue.capacity", "64");
        expected.put("telltale.jfr", "false");
        assertEquals(expected, p);
        assertEquals(List.of("command", "id", "response"), List.copyOf(new java.util.TreeSet<>(ProbeRequest.build("detach",
                Args.parse(new ProbeCommand().options(), new String[] {"detach", "--pid", "7", "all"}), response).stringPropertyNames())));
        assertFalse(ProbeRequest.build("list", Args.parse(new ProbeCommand().options(), new String[] {"list", "-p", "7"}), response)
                .containsKey("instrument"));
    }
}
