package dev.telltale.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a child process with a deadline and keeps what it printed. */
final class Processes {

    /** What a finished process left. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Processes() {}

    static Result run(List<String> command, Path dir, Duration timeout) throws IOException, InterruptedException {
        return run(command, dir, timeout, java.util.Map.of());
    }

    /** Runs {@code command} with {@code env} added to an environment cleared of {@code TELLTALE_*}. */
    static Result run(List<String> command, Path dir, Duration timeout, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("telltale-it", ".out");
        Path err = Files.createTempFile("telltale-it", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("TELLTALE_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeout + ": " + command + "\n--- stdout\n"
                        + Files.readString(out) + "\n--- stderr\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The {@code java} of the JDK running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The {@code javac} of the JDK running the tests. */
    static String javac() {
        return Path.of(System.getProperty("java.home"), "bin", "javac").toString();
    }
}
