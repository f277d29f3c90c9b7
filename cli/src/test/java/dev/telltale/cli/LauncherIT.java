package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./telltale} as a user runs it: the README's first command, and the help. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("telltale.it.launcher", "../telltale"));

    @TempDir
    Path dir;

    @Test
    void help_listsTheCommands() throws Exception {
        Processes.Result r = Processes.run(List.of(LAUNCHER.toString(), "--help"), dir, Duration.ofMinutes(5));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Usage: ./telltale <command> [options]"), r.toString());
        assertTrue(r.out().contains("demo"), r.toString());
    }

    @Test
    void demo_runsForItsDuration_andLeavesEventsAndAJfrRecording() throws Exception {
        Processes.Result r = Processes.run(List.of(LAUNCHER.toString(), "demo", "--duration", "3s"), dir,
                Duration.ofMinutes(5));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Dropped: 0."), r.toString());
        assertTrue(r.out().contains("Events by kind, read back through the file backend's consuming side:"), r.toString());
        assertTrue(r.out().contains("context.finished"), r.toString());
        assertTrue(r.out().contains("context.transient"), r.toString());
        assertTrue(r.out().contains("jfr print --events 'dev.telltale.*' telltale-out/telltale.jfr"), r.toString());
        assertTrue(java.util.regex.Pattern.compile("(?m)^ +\\d+s/3s +requests [\\d,]+ +events [\\d,]+ \\([\\d,]+/s\\)"
                + " +published [\\d,]+ +queued [\\d,]+ +dropped 0$").matcher(r.out()).find(), "a progress line: " + r);
        assertTrue(r.out().contains("Files:\n  telltale-out/events.jsonl"), r.toString());
        // a probe by name through the agent, loaded into the demo's own JVM; no JDK 21+ warning for it
        assertTrue(r.out().contains("Agent: a timer on demoshop.Checkout#total, attached by name at "), r.toString());
        assertFalse(r.err().contains("A Java agent has been loaded dynamically"), r.toString());
        Path events = dir.resolve("telltale-out/events.jsonl");
        assertTrue(Files.size(events) > 0, r.toString());

        // the README's next step: whole request objects, and the long-lived status context
        Processes.Result monitor = Processes.run(List.of(LAUNCHER.toString(), "monitor", "-c"), dir,
                Duration.ofMinutes(5));
        assertEquals(0, monitor.exit(), monitor.toString());
        long requests = 0;
        boolean status = false;
        for (String line : monitor.out().lines().toList()) {
            java.util.Map<String, Object> object = dev.telltale.core.internal.json.JsonReader.parseObject(line);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> fields = (java.util.Map<String, Object>) object.get("fields");
            if (object.get("id").toString().startsWith("req-")) {
                assertEquals("finished", object.get("status"), line);
                assertEquals(true, object.get("complete"), line);
                assertTrue(fields.containsKey("method") && fields.containsKey("path") && fields.containsKey("status"), line);
                requests++;
            } else if (object.get("id").equals("shop-status")) {
                assertEquals("incomplete", object.get("status"), "long-lived, never finished: " + line);
                status = true;
            }
        }
        assertTrue(requests > 100, "whole request objects: " + requests + "\n" + monitor);
        assertTrue(status, "the service status context: " + monitor);
        long health = 0;
        long telltaleEvents = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(dir.resolve("telltale-out/telltale.jfr"))) {
            String name = e.getEventType().getName();
            health += name.equals("dev.telltale.PipelineHealth") ? 1 : 0;
            telltaleEvents += name.equals("dev.telltale.Event") ? 1 : 0;
        }
        assertTrue(health >= 1, "a PipelineHealth event in the recording");
        assertTrue(telltaleEvents > 100, "the demo's events in the recording: " + telltaleEvents);
    }

    private Processes.Result demo(java.util.Map<String, String> env, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString(), "demo", "--duration", "1s", "--no-jfr"));
        command.addAll(List.of(more));
        return Processes.run(command, dir, Duration.ofMinutes(5), env);
    }

    @Test
    void demo_takesTheBackendAndEventsFileFromTheEnvironment_andSaysWhere() throws Exception {
        Processes.Result r = demo(java.util.Map.of("TELLTALE_BACKEND", "file", "TELLTALE_FILE_PATH", "from-env/events.jsonl"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("publishing to the file backend (from-env/events.jsonl)"), r.toString());
        assertTrue(r.out().contains("the backend file comes from the environment variable TELLTALE_BACKEND"), r.toString());
        assertTrue(r.out().contains("the events file from-env/events.jsonl comes from the environment variable TELLTALE_FILE_PATH"),
                r.toString());
        assertTrue(Files.size(dir.resolve("from-env/events.jsonl")) > 0, r.toString());
        assertTrue(Files.notExists(dir.resolve("telltale-out/events.jsonl")), r.toString());
    }

    @Test
    void demo_takesTheEventsFileFromASystemProperty() throws Exception {
        Processes.Result r = demo(java.util.Map.of("JAVA_OPTS", "-Dtelltale.file.path=from-property/events.jsonl",
                "TELLTALE_FILE_PATH", "from-env/events.jsonl"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("the events file from-property/events.jsonl comes from the system property telltale.file.path"),
                r.toString());
        assertTrue(Files.size(dir.resolve("from-property/events.jsonl")) > 0, r.toString());
        assertTrue(Files.notExists(dir.resolve("from-env")), r.toString());
    }

    @Test
    void demo_flagsOverrideTheEnvironment_andSaySo() throws Exception {
        Processes.Result r = demo(java.util.Map.of("TELLTALE_BACKEND", "kafka", "TELLTALE_FILE_PATH", "from-env/events.jsonl"),
                "--backend", "file", "--out", "flagged");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("--backend file overrides the environment variable TELLTALE_BACKEND=kafka"), r.toString());
        assertTrue(r.out().contains(
                "--out flagged/events.jsonl overrides the environment variable TELLTALE_FILE_PATH=from-env/events.jsonl"),
                r.toString());
        assertTrue(Files.size(dir.resolve("flagged/events.jsonl")) > 0, r.toString());
        assertTrue(Files.notExists(dir.resolve("from-env")), r.toString());
    }

    @Test
    void demo_badEnvironmentValue_isWarnedOnce() throws Exception {
        Processes.Result r = demo(java.util.Map.of("TELLTALE_QUEUE_CAPACITY", "abc"));
        assertEquals(0, r.exit(), r.toString());
        String warning = "telltale.queue.capacity (environment variable): 'abc' is not an integer; using '8192' instead";
        assertEquals(1, r.err().split(java.util.regex.Pattern.quote(warning), -1).length - 1, r.toString());
    }

    @Test
    void demoHelp_showsTheOptions_andTheDefaultDuration() throws Exception {
        Processes.Result r = Processes.run(List.of(LAUNCHER.toString(), "demo", "--help"), dir, Duration.ofMinutes(5));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Usage: ./telltale demo [options]"), r.toString());
        assertTrue(r.out().contains("--duration"), r.toString());
        assertTrue(r.out().contains("how long to run, e.g. 30s or 2m (default 10s)"), r.toString());
    }

    @Test
    void unknownOption_failsWithASuggestion_andStatus2() throws Exception {
        Processes.Result r = Processes.run(List.of(LAUNCHER.toString(), "demo", "--duraton", "1s"), dir,
                Duration.ofMinutes(5));
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("unknown option --duraton; did you mean --duration?"), r.toString());
    }
}
