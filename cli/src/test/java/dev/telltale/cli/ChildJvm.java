package dev.telltale.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A child JVM for the agent's integration tests: a sample application compiled from source into
 * its own directory, started with a deadline, its output kept in files; {@link #close} kills it.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Compiles {@code sources} (file name to text) with the JDK running the tests into {@code classes}, for Java 17. */
    static void compile(Path classes, Map<String, String> sources, String classPath) throws IOException, InterruptedException {
        Path src = Files.createDirectories(classes.resolveSibling(classes.getFileName() + "-src"));
        List<String> command = new ArrayList<>(List.of(Processes.javac(), "--release", "17", "-d", classes.toString()));
        if (classPath != null) {
            command.addAll(List.of("-cp", classPath));
        }
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.writeString(file, e.getValue());
            command.add(file.toString());
        }
        Processes.Result r = Processes.run(command, src, Duration.ofMinutes(2));
        if (r.exit() != 0) {
            throw new AssertionError("javac failed: " + r);
        }
    }

    /** Starts {@code java} of {@code javaHome} with {@code args} in {@code dir}. */
    static ChildJvm start(Path javaHome, Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(args);
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TELLTALE_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        return new ChildJvm(pb.start(), out, err);
    }

    long pid() {
        return process.pid();
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits until its standard output holds {@code line}; fails after {@code timeout} or if it exits first. */
    void awaitOutput(String line, Duration timeout) throws IOException, InterruptedException {
        awaitCondition("output '" + line + "'", () -> out().contains(line), timeout);
    }

    /** Waits for it to exit; returns its status. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child JVM did not exit within " + timeout + "\n" + this);
        }
        return process.exitValue();
    }

    /** Polls {@code condition} every 50 ms until it holds; fails after {@code timeout} or if the child exits first. */
    void awaitCondition(String what, IoCondition condition, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (!process.isAlive()) {
                throw new AssertionError("the child JVM exited (" + process.exitValue() + ") before " + what + "\n" + this);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout + "\n" + this);
            }
            Thread.sleep(50);
        }
    }

    /** A condition that may read files. */
    interface IoCondition {
        boolean holds() throws IOException;
    }

    /** The lines of {@code file} that satisfy {@code filter}; none if it does not exist yet. */
    static List<String> lines(Path file, Predicate<String> filter) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(filter).toList();
        }
    }

    /** A JDK 17 on this machine (as .ci/run finds them, in /usr/lib/jvm), or null. */
    static Path jdk17() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))
                        && Files.readString(release).contains("JAVA_VERSION=\"17")) {
                    return home;
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        try {
            return "--- child stdout\n" + out() + "\n--- child stderr\n" + err();
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }
}
