package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.snapshot.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./telltale dump} through {@link Main#run}: the trace as printed, frames, values, and bad files. */
class DumpCommandTest {

    @TempDir
    Path dir;

    private Throwable original;
    private Path file;

    record Result(int exit, String out, String err) {}

    private static Result run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void pay(String card) {
        throw new IllegalStateException("declined: " + card);
    }

    private static void checkout(String card) {
        try {
            pay(card);
        } catch (IllegalStateException e) {
            IllegalArgumentException top = new IllegalArgumentException("checkout failed", e);
            top.addSuppressed(new RuntimeException("rollback failed"));
            throw top;
        }
    }

    @BeforeEach
    void saveOne() {
        try (Telltale telltale = Telltale.builder().backend("none").readEnvironment(false).shutdownHook(false)
                .set("telltale.snapshot.dir", dir.toString()).set("telltale.snapshot.source-roots", "src/test/java")
                .set("telltale.snapshot.app-packages", "dev.telltale.cli.DumpCommandTest").build()) {
            try {
                checkout("4242");
            } catch (IllegalArgumentException e) {
                original = e;
                file = Snapshots.of(telltale).save(e, Map.of("cart", List.of("tea", "cups"), "password", "pw")).orElseThrow();
            }
        }
    }

    private static String printed(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w, true));
        return w.toString();
    }

    @Test
    void show_printsTheTraceAsTheJvmDid_withSourceAndValuesBetweenTheLines() {
        Result r = run("dump", "show", file.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Arrays.asList(r.out().split("\n", -1));
        int start = lines.indexOf("") + 1;
        int end = lines.subList(start, lines.size()).indexOf("") + start;
        List<String> trace = new ArrayList<>();
        for (String line : lines.subList(start, end)) {
            if (!line.matches("\t+     .*")) { // a frame's source line or value
                trace.add(line.replaceFirst("   #\\d+$", ""));
            }
        }
        assertEquals(printed(original), String.join(System.lineSeparator(), trace) + System.lineSeparator());
        assertTrue(r.out().contains("> ") && r.out().contains("| " + "            pay(card);"), r.out());
        assertTrue(r.out().contains("cart = {\"$type\":\"java.util.ImmutableCollections$List12\""), r.out());
        assertTrue(r.out().contains("password = {\"$type\":\"java.lang.String\",\"$redacted\":true}"), r.out());
        assertTrue(r.out().contains("Snapshot " + file), r.out());
    }

    @Test
    void frames_numbersEveryFrame_andVarsPrintsOneWhole() {
        Result frames = run("dump", "frames", file.toString());
        assertEquals(0, frames.exit(), frames.err());
        String line = Arrays.stream(frames.out().split("\n")).filter(l -> l.contains("values]")).findFirst().orElseThrow();
        assertTrue(line.contains(".saveOne(DumpCommandTest.java:"), "the method that called save: " + line);
        String number = line.strip().split("\\s+")[0].substring(1);
        Result vars = run("dump", "vars", file.toString(), number);
        assertEquals(0, vars.exit(), vars.err());
        assertTrue(vars.out().contains("\"given\": {"), vars.out());
        assertTrue(vars.out().contains("\"tea\""), vars.out());
    }

    @Test
    void truncatedFile_failsWithOneLineNamingIt_exit1() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Result r = run("dump", "show", file.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("telltale dump: " + file + ": not a readable snapshot"), r.err());
        assertTrue(r.err().contains("truncated"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingOrForeignFile_failsNamingIt_exit1() throws Exception {
        Result missing = run("dump", "frames", dir.resolve("nope.json").toString());
        assertEquals(1, missing.exit());
        assertEquals("telltale dump: " + dir.resolve("nope.json") + ": no such file\n", missing.err());
        Path other = Files.writeString(dir.resolve("events.jsonl"), "{\"kind\":\"x\"}\n");
        Result foreign = run("dump", "show", other.toString());
        assertEquals(1, foreign.exit());
        assertEquals("telltale dump: " + other + ": not a Telltale snapshot (no \"format\":\"telltale-snapshot\")\n",
                foreign.err());
    }

    @Test
    void badCommandLines_exit2_sayingWhat() {
        assertEquals(2, run("dump").exit());
        Result unknown = run("dump", "open", file.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown action 'open'"), unknown.err());
        Result frame = run("dump", "vars", file.toString(), "9999");
        assertEquals(2, frame.exit());
        assertTrue(frame.err().contains("has frames 0 to"), frame.err());
        assertTrue(run("dump", "vars", file.toString(), "x").err().contains("FRAME must be a frame number"));
    }
}
