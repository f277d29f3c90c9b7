package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.json.JsonReader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README tells an application developer, done literally: compile against
 * telltale-api.jar alone, drop telltale-api, telltale-core and telltale-backend-file on the class
 * path (or the module path), pick the backend with a system property, run with plain {@code java}.
 * The events must be in the file when the JVM has exited (the shutdown hook flushes them).
 */
class ApplicationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The three jars of the README, copied by the build without version numbers. */
    private static final Path JARS = Path.of(System.getProperty("telltale.it.jars", "target/app-jars"));

    private static final String APP = """
            package app;

            import dev.telltale.Emitter;
            import dev.telltale.Telltale;
            import java.util.Map;

            public class Main {
                public static void main(String[] args) throws Exception {
                    %s
                    Emitter orders = Telltale.global().emitter("shop.orders");
                    orders.emit("order.placed", Map.of("id", 42, "total", 99.5));
                    orders.emit("order.shipped", Map.of("id", 42));
                    %s
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void classPath_plainJava_writesEventsThroughTheFileBackend() throws Exception {
        Path src = write("src/app/Main.java", APP.formatted("", ""));
        Path classes = dir.resolve("classes");
        compile(List.of("-cp", jar("telltale-api"), "-d", classes.toString(), src.toString()));

        Path events = dir.resolve("out/events.jsonl");
        Processes.Result run = Processes.run(List.of(Processes.java(),
                "-cp", String.join(File.pathSeparator, jar("telltale-api"), jar("telltale-core"),
                        jar("telltale-backend-file"), classes.toString()),
                "-Dtelltale.backend=file", "-Dtelltale.file.path=" + events, "app.Main"), dir, TIMEOUT);
        assertEquals(0, run.exit(), run.toString());
        assertFalse(run.err().contains("WARNING"), run.toString());
        assertOrders(events);
    }

    @Test
    void modulePath_serviceBinding_findsCoreAndBackend_andJfrRecordsFromTheNamedModule() throws Exception {
        write("src/app/module-info.java", "module app { requires dev.telltale.api; requires jdk.jfr; }");
        Path jfr = dir.resolve("app.jfr");
        Path src = write("src/app/app/Main.java", APP.formatted(
                "jdk.jfr.Recording r = new jdk.jfr.Recording(); r.enable(\"dev.telltale.Event\"); r.start();",
                "r.stop(); r.dump(java.nio.file.Path.of(\"" + jfr.toString().replace("\\", "\\\\") + "\"));"));
        Path classes = dir.resolve("mods/app");
        compile(List.of("--module-path", jar("telltale-api"), "-d", classes.toString(),
                dir.resolve("src/app/module-info.java").toString(), src.toString()));

        Path events = dir.resolve("out/events.jsonl");
        Processes.Result run = Processes.run(List.of(Processes.java(),
                "--module-path", String.join(File.pathSeparator, jar("telltale-api"), jar("telltale-core"),
                        jar("telltale-backend-file"), classes.toString()),
                "-Dtelltale.backend=file", "-Dtelltale.file.path=" + events, "--module", "app/app.Main"), dir, TIMEOUT);
        assertEquals(0, run.exit(), run.toString());
        assertFalse(run.err().contains("WARNING"), run.toString());
        assertOrders(events);

        List<String> names = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("dev.telltale.Event")) {
                names.add(e.getString("name"));
            }
        }
        assertEquals(List.of("shop.orders order.placed", "shop.orders order.shipped"), names);
    }

    @Test
    void noBackendJar_saysEventsGoToJfrOnly_andTheApplicationRuns() throws Exception {
        Path src = write("src/app/Main.java", APP.formatted("", ""));
        Path classes = dir.resolve("classes");
        compile(List.of("-cp", jar("telltale-api"), "-d", classes.toString(), src.toString()));
        Processes.Result run = Processes.run(List.of(Processes.java(),
                "-cp", String.join(File.pathSeparator, jar("telltale-api"), jar("telltale-core"), classes.toString()),
                "app.Main"), dir, TIMEOUT);
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.err().contains("no backend found; events go to JFR only"), run.toString());
    }

    @Test
    void unknownBackendProperty_isReportedWithTheAvailableOnes_andTheApplicationRuns() throws Exception {
        Path src = write("src/app/Main.java", APP.formatted("", ""));
        Path classes = dir.resolve("classes");
        compile(List.of("-cp", jar("telltale-api"), "-d", classes.toString(), src.toString()));
        Processes.Result run = Processes.run(List.of(Processes.java(),
                "-cp", String.join(File.pathSeparator, jar("telltale-api"), jar("telltale-core"),
                        jar("telltale-backend-file"), classes.toString()),
                "-Dtelltale.backend=rabbit", "app.Main"), dir, TIMEOUT);
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.err().contains("unknown backend 'rabbit' (telltale.backend, system property); available: file"),
                run.toString());
    }

    @Test
    void configuration_systemPropertiesBeatEnvironment_whichBeatsTelltaleProperties() throws Exception {
        Path src = write("src/app/Main.java", APP.formatted("", ""));
        Path classes = dir.resolve("classes");
        compile(List.of("-cp", jar("telltale-api"), "-d", classes.toString(), src.toString()));
        Path fromFile = dir.resolve("file/events.jsonl");
        Path fromEnv = dir.resolve("env/events.jsonl");
        Path fromProperty = dir.resolve("property/events.jsonl");
        write("classes/telltale.properties", "telltale.backend=file\ntelltale.file.path="
                + fromFile.toString().replace("\\", "/") + "\n");
        List<String> command = List.of(Processes.java(), "-cp", String.join(File.pathSeparator, jar("telltale-api"),
                jar("telltale-core"), jar("telltale-backend-file"), classes.toString()), "app.Main");

        Processes.Result fileOnly = Processes.run(command, dir, TIMEOUT);
        assertEquals(0, fileOnly.exit(), fileOnly.toString());
        assertOrders(fromFile);

        Processes.Result env = Processes.run(command, dir, TIMEOUT, Map.of("TELLTALE_FILE_PATH", fromEnv.toString()));
        assertEquals(0, env.exit(), env.toString());
        assertOrders(fromEnv);

        List<String> withProperty = new ArrayList<>(command);
        withProperty.add(1, "-Dtelltale.file.path=" + fromProperty);
        Processes.Result property = Processes.run(withProperty, dir, TIMEOUT,
                Map.of("TELLTALE_FILE_PATH", fromEnv.toString()));
        assertEquals(0, property.exit(), property.toString());
        assertOrders(fromProperty);
        assertEquals(3, Files.readAllLines(fromEnv).size(), "the environment's file got only the second run");
        assertEquals(3, Files.readAllLines(fromFile).size(), "the properties' file got only the first run");
    }

    @Test
    void shutdownHook_withAStuckBackend_exitsWithinTheFlushTimeout_andSaysWhatWasDropped() throws Exception {
        write("src/stuck/stuck/Stuck.java", """
                package stuck;

                import dev.telltale.spi.*;
                import java.util.List;

                public class Stuck implements Backend {
                    public String name() { return "stuck"; }
                    public List<ConfigKey> keys() { return List.of(); }
                    public List<ConfigKey> subscriptionOptions() { return List.of(); }
                    public Sink openSink(BackendConfig config) {
                        return new Sink() {
                            public Outcome publish(List<Envelope> batch) throws Exception {
                                Thread.sleep(Long.MAX_VALUE);
                                return Outcome.ALL_PUBLISHED;
                            }
                            public void close() {}
                        };
                    }
                    public Source openSource(BackendConfig config, Subscription subscription) {
                        throw new UnsupportedOperationException();
                    }
                }
                """);
        Path src = write("src/app/Main.java", APP.formatted("", ""));
        Path classes = dir.resolve("classes");
        compile(List.of("-cp", jar("telltale-api"), "-d", classes.toString(), src.toString(),
                dir.resolve("src/stuck/stuck/Stuck.java").toString()));
        write("classes/META-INF/services/dev.telltale.spi.Backend", "stuck.Stuck\n");

        long started = System.nanoTime();
        Processes.Result run = Processes.run(List.of(Processes.java(), "-cp", String.join(File.pathSeparator,
                jar("telltale-api"), jar("telltale-core"), classes.toString()),
                "-Dtelltale.backend=stuck", "-Dtelltale.flush.timeout=1s", "app.Main"), dir, TIMEOUT);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(0, run.exit(), run.toString());
        assertTrue(millis < 15_000, "the JVM took " + millis + " ms to exit with a 1 s flush timeout");
        java.util.regex.Matcher warning = java.util.regex.Pattern.compile("telltale: backend 'stuck' did not finish within"
                + " telltale.flush.timeout \\(1000ms\\); (\\d+) events dropped \\(shutdown\\)").matcher(run.err());
        assertTrue(warning.find(), run.toString());
        long dropped = Long.parseLong(warning.group(1));
        assertTrue(dropped >= 2, "the two orders at least: " + run);
        assertTrue(run.err().contains("telltale: closed; offered " + dropped + ", published 0, dropped " + dropped),
                run.toString());
    }

    private void assertOrders(Path events) throws Exception {
        assertTrue(Files.exists(events), "no " + events);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            lines.add(JsonReader.parseObject(line));
        }
        assertEquals(3, lines.size(), lines.toString());
        Map<String, Object> placed = lines.get(0);
        assertEquals("order.placed", placed.get("kind"));
        assertEquals("shop.orders", placed.get("routingKey"));
        assertEquals(1L, placed.get("seq"));
        assertEquals(Map.of("id", 42L, "total", 99.5), placed.get("fields"));
        assertEquals("main", placed.get("thread"));
        assertNotEquals(ProcessHandle.current().pid(), ((Number) placed.get("pid")).longValue(),
                "stamped with the child's pid, not ours");
        assertEquals("order.shipped", lines.get(1).get("kind"));
        assertEquals(2L, lines.get(1).get("seq"));
        assertEquals(placed.get("source"), lines.get(1).get("source"));
        // the shutdown hook closed the pipeline, which reported its final counts last
        Map<String, Object> health = lines.get(2);
        assertEquals("telltale.health", health.get("kind"));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) health.get("fields");
        assertEquals(2L, counts.get("offered"));
        assertEquals(2L, counts.get("published"));
        assertEquals(0L, counts.get("dropped"));
    }

    private Path write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private void compile(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Processes.javac());
        command.addAll(args);
        Processes.Result r = Processes.run(command, dir, TIMEOUT);
        assertEquals(0, r.exit(), r.toString());
    }

    private static String jar(String name) {
        Path p = JARS.resolve(name + ".jar");
        assertTrue(Files.exists(p), "missing " + p + " (run through 'mvn verify')");
        return p.toAbsolutePath().toString();
    }
}
