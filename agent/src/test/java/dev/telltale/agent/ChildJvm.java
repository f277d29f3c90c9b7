package dev.telltale.agent;

import com.sun.tools.attach.VirtualMachine;
import dev.telltale.tool.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A child JVM running {@code com.example.shop.ShopApp} from the test classes only (no Telltale on
 * its class path), in its own working directory, for at most a few minutes; the agent's
 * integration tests send it requests by attaching the agent jar by process id, and read the
 * events the agent's pipeline writes to {@code <working dir>/telltale-out/events.jsonl}.
 */
final class ChildJvm implements AutoCloseable {

    static final Path AGENT_JAR = Path.of(System.getProperty("telltale.agent.jar", "target/telltale-agent.jar"));
    static final String CLASSES = System.getProperty("telltale.it.classes", "target/test-classes");
    private static final Duration LIFE = Duration.ofMinutes(3);

    final Path dir;
    final Process process;
    final long pid;
    private final Writer stdin;
    private final BufferedReader stdout;
    private int requests;

    /** Starts {@code java} of {@code javaHome} with {@code jvmOptions}; waits (bounded) for {@code ready}. */
    ChildJvm(Path javaHome, List<String> jvmOptions) throws IOException {
        this(javaHome, jvmOptions, List.of("-cp", CLASSES, "com.example.shop.ShopApp"));
    }

    /** As above, with {@code launch} (class path or module path, and the main class) chosen by the caller. */
    ChildJvm(Path javaHome, List<String> jvmOptions, List<String> launch) throws IOException {
        dir = Files.createTempDirectory("telltale-agent-it-");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin/java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(launch);
        process = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        process.onExit(); // the reaper
        killAfter(process, LIFE);
        stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = readLine(Duration.ofSeconds(30));
        if (ready == null || !ready.startsWith("ready ")) {
            close();
            throw new IllegalStateException("the child JVM did not start: " + ready + "; stderr: " + stderr());
        }
        pid = Long.parseLong(ready.substring("ready ".length()).trim());
    }

    private static void killAfter(Process p, Duration life) {
        Thread t = new Thread(() -> {
            try {
                if (!p.waitFor(life.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }, "child-jvm-killer");
        t.setDaemon(true);
        t.start();
    }

    /** The next line of the child's output, or null if none came within {@code timeout}. */
    String readLine(Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        StringBuilder line = new StringBuilder();
        while (System.nanoTime() < end) {
            if (stdout.ready() || !process.isAlive()) {
                int c = stdout.read();
                if (c < 0) {
                    return line.length() > 0 ? line.toString() : null;
                }
                if (c == '\n') {
                    return line.toString();
                }
                line.append((char) c);
            } else {
                pause();
            }
        }
        return null;
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    String stderr() {
        try {
            return Files.readString(dir.resolve("stderr.txt"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Sends one request by loading the agent into the child; returns its response. */
    Properties request(Map<String, String> keys) throws Exception {
        int n = ++requests;
        Properties req = new Properties();
        req.putAll(keys);
        req.setProperty("telltale.probe.report-interval", "100ms");
        req.setProperty("telltale.flush.interval", "50ms");
        Path response = dir.resolve("response-" + n + ".properties");
        req.setProperty("response", response.toString());
        Path file = dir.resolve("request-" + n + ".properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            req.store(w, null);
        }
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            vm.loadAgent(AGENT_JAR.toAbsolutePath().toString(), "request=" + file);
        } finally {
            vm.detach();
        }
        return readResponse(response);
    }

    static Properties readResponse(Path response) throws IOException {
        if (!Files.exists(response)) {
            throw new AssertionError("the agent wrote no response at " + response);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(response, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    Path events() {
        return dir.resolve("telltale-out/events.jsonl");
    }

    /** The events written so far (kind, fields, ...), in order. */
    List<Map<String, Object>> readEvents() throws IOException {
        Path f = events();
        if (!Files.exists(f)) {
            return List.of();
        }
        List<Map<String, Object>> all = new ArrayList<>();
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.endsWith("}")) {
                    all.add(Json.parseObject(line));
                }
            }
        }
        return all;
    }

    /** Waits (at most {@code timeout}) for an event that {@code test} accepts; fails with what came. */
    Map<String, Object> await(String what, Predicate<Map<String, Object>> test, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> seen = List.of();
        while (System.nanoTime() < end) {
            seen = readEvents();
            for (Map<String, Object> e : seen) {
                if (test.test(e)) {
                    return e;
                }
            }
            pause();
        }
        throw new AssertionError("no " + what + " within " + timeout + "; " + seen.size() + " events: "
                + seen.subList(Math.max(0, seen.size() - 10), seen.size()) + "; stderr: " + stderr());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Map<String, Object> event) {
        return (Map<String, Object>) event.get("fields");
    }

    static boolean is(Map<String, Object> event, String kind, String target) {
        return kind.equals(event.get("kind")) && target.equals(fields(event).get("target"));
    }

    private static void pause() {
        try {
            Thread.sleep(20); // polling a file another process writes; bounded by the callers' timeouts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            send("quit");
        } catch (IOException ignored) {
            // gone already
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A JDK 17 on this machine (as .ci/run finds one), or null. */
    static Path jdk17() {
        String forced = System.getProperty("telltale.it.jdk17");
        if (forced != null && !forced.isBlank()) {
            return Path.of(forced);
        }
        for (String root : new String[] {"/usr/lib/jvm", "/usr/java", "/opt/java"}) {
            Path r = Path.of(root);
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> homes = Files.list(r)) {
                for (Path home : (Iterable<Path>) homes.sorted()::iterator) {
                    Path release = home.resolve("release");
                    if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))
                            && Files.readString(release).contains("JAVA_VERSION=\"17")) {
                        return home.toRealPath();
                    }
                }
            } catch (IOException e) {
                // look further
            }
        }
        return null;
    }
}
