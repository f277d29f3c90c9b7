package dev.telltale.cli;

import static dev.telltale.cli.EventLines.ctx;
import static dev.telltale.cli.EventLines.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./telltale monitor} end to end through {@link Main#run}, on the file backend and standard input. */
class MonitorCommandTest {

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    private static Result run(String... argv) {
        return run(null, argv);
    }

    private static synchronized Result run(byte[] stdin, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream previous = System.in;
        if (stdin != null) {
            System.setIn(new ByteArrayInputStream(stdin));
        }
        try {
            int exit = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(previous);
        }
    }

    private static byte[] bytes(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private Path file(String... lines) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.write(events, bytes(List.of(lines)));
        return events;
    }

    private static final List<String> REQUEST = List.of(
            ctx("born", "r1", 1, 0, "{\"url\":\"/orders\",\"obj\":{\"elapsed\":9.5}}"),
            event("order.placed", "shop.orders", "emitter-1", 1, 1, "{\"id\":42,\"total\":99.5}"),
            ctx("update", "r1", 2, 2, "{\"status\":200}"),
            ctx("log", "r1", 3, 3, "{\"level\":\"INFO\",\"message\":\"paid\",\"template\":\"paid\"}"),
            ctx("finished", "r1", 4, 4, "{\"elapsed\":0.004,\"reclaimed\":false}"));

    @Test
    void fileBackend_printsEveryEventExactlyAsPublished() throws Exception {
        Path events = file(REQUEST.toArray(new String[0]));

        Result r = run("monitor", "--file", events.toString());

        assertEquals(0, r.exit(), r.err());
        assertEquals(REQUEST, r.lines());
        assertEquals("", r.err());
    }

    @Test
    void stdin_readsWhatTheFileHolds_andWhatVerbosePrinted() throws Exception {
        Path events = file(REQUEST.toArray(new String[0]));
        Result verbose = run("monitor", "--file", events.toString(), "-v");
        assertEquals(0, verbose.exit(), verbose.err());
        assertEquals("{\"routingKey\":\"shop.request\",\"headers\":{},\"position\":\"events.jsonl:1\",\"event\":"
                + REQUEST.get(0) + "}", verbose.lines().get(0));

        assertEquals(REQUEST, run(Files.readAllBytes(events), "monitor", "-s").lines());
        assertEquals(REQUEST, run(verbose.out().getBytes(StandardCharsets.UTF_8), "monitor", "-s").lines());
        Result again = run(verbose.out().getBytes(StandardCharsets.UTF_8), "monitor", "-s", "-v");
        assertEquals(verbose.out().replaceAll("events\\.jsonl:", "stdin:"), again.out());
    }

    @Test
    void collate_printsTheObject_andSaysWhatItLeftOut() throws Exception {
        Result r = run(bytes(REQUEST), "monitor", "-sc");

        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("{\"id\":\"r1\",\"routingKey\":\"shop.request\",\"status\":\"finished\",\"complete\":true,\"fragment\":false,"
                + "\"born\":\"" + EventLines.time(0) + "\",\"finished\":\"" + EventLines.time(4) + "\",\"elapsed\":0.004,"
                + "\"reclaimed\":false,\"host\":\"box-1\",\"pid\":4242,\"headers\":{\"tenant\":\"acme\"},"
                + "\"fields\":{\"url\":\"/orders\",\"obj\":{\"elapsed\":9.5},\"status\":200},"
                + "\"log\":[{\"time\":\"" + EventLines.time(3) + "\",\"level\":\"INFO\",\"message\":\"paid\",\"template\":\"paid\"}],"
                + "\"gaps\":[],\"messages\":4}"), r.lines());
        assertEquals(List.of("telltale monitor: 1 event not collated (not context.*)"), r.errLines());
    }

    @Test
    void keys_onMessagesAndObjects_breadthFirst_nothingPrintedWhenNoneFound() {
        Result messages = run(bytes(REQUEST), "monitor", "-s", "-k", "status", "*elapsed");
        assertEquals(List.of("{\"elapsed\":[9.5]}", "{\"status\":200}", "{\"elapsed\":[0.004]}"), messages.lines());

        Result objects = run(bytes(REQUEST), "monitor", "-s", "-c", "-k", "elapsed", "*elapsed", "status");
        assertEquals(2, objects.exit());
        assertTrue(objects.err().contains("--keys: key 'elapsed' given twice"), objects.err());

        // the object's own members come first breadth-first: its status, not the field status
        Result first = run(bytes(REQUEST), "monitor", "-s", "-c", "-k", "elapsed", "*status");
        assertEquals(List.of("{\"elapsed\":0.004,\"status\":[\"finished\",200]}"), first.lines());
    }

    @Test
    void pretty_indentsEachDocument() {
        Result r = run(bytes(REQUEST.subList(1, 2)), "monitor", "-s", "-p", "-k", "id", "total");

        assertEquals("{\n  \"id\": 42,\n  \"total\": 99.5\n}\n", r.out());
    }

    @Test
    void rkey_patternsFilter_onEveryInput() throws Exception {
        Path events = file(REQUEST.toArray(new String[0]));

        assertEquals(List.of(REQUEST.get(1)), run("monitor", "--file", events.toString(), "-r", "*.orders").lines());
        assertEquals(List.of(REQUEST.get(1)), run(bytes(REQUEST), "monitor", "-s", "-r", "*.orders").lines());
        assertEquals(REQUEST, run(bytes(REQUEST), "monitor", "-s", "-r", "shop.#", "nothing").lines());
        assertEquals(List.of(), run(bytes(REQUEST), "monitor", "-s", "-r", "shop").lines());
    }

    @Test
    void malformedLines_oneLineEachOnStderr_theRestPrinted_exitStatus3() throws Exception {
        List<String> lines = new ArrayList<>(REQUEST);
        lines.add(1, "{\"kind\":\"context.update\",\"routingKey\":\"shop.request\",\"source\":\"r1\",\"seq\":7]");
        lines.add(3, "");
        lines.add(4, "[\"not an object\"]");
        lines.add(5, event("x", "shop.x", "s", 1, 0, "{}").replace("\"seq\":1,", ""));
        Path events = file(lines.toArray(new String[0]));

        for (boolean stdin : new boolean[] {false, true}) {
            Result r = stdin ? run(bytes(lines), "monitor", "-s") : run("monitor", "--file", events.toString());
            String at = stdin ? "stdin:" : "events.jsonl:";

            assertEquals(3, r.exit());
            assertEquals(REQUEST, r.lines());
            assertEquals(List.of(
                    "telltale monitor: skipped " + at + "2: expected ',' or '}' but found ']' at line 1, column 75 (offset 74)",
                    "telltale monitor: skipped " + at + "5: expected '{' but found '[' at line 1, column 1 (offset 0)",
                    "telltale monitor: skipped " + at + "6: event member \"seq\" is missing",
                    "telltale monitor: 3 malformed inputs skipped"), r.errLines());
        }
    }

    @Test
    void max_stopsAfterNDocuments() throws Exception {
        Path events = file(REQUEST.toArray(new String[0]));

        Result r = run("monitor", "--file", events.toString(), "--max", "2");

        assertEquals(0, r.exit());
        assertEquals(REQUEST.subList(0, 2), r.lines());
    }

    @Test
    void duration_endsAFollowedFile_andPrintsOpenObjects() throws Exception {
        Path events = file(REQUEST.subList(0, 3).toArray(new String[0]));
        long started = System.nanoTime();

        Result r = run("monitor", "--file", events.toString(), "-f", "-c", "--duration", "500ms", "-k", "status", "complete");

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis >= 500 && millis < 10_000, "ran " + millis + " ms");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("{\"status\":\"incomplete\",\"complete\":false}"), r.lines());
    }

    @Test
    void backendFlags_becomeSubscriptionOptions_thatTheCoreChecks() throws Exception {
        Path events = file(REQUEST.toArray(new String[0]));

        Result fromEnd = run("monitor", "--file", events.toString(), "--from", "end", "-f", "--duration", "200ms");
        assertEquals(0, fromEnd.exit(), fromEnd.err());
        assertEquals(List.of(), fromEnd.lines());

        Result viaOption = run("monitor", "--file", events.toString(), "--option", "telltale.file.from=end", "--max", "1",
                "--duration", "200ms");
        assertEquals(List.of(), viaOption.lines());

        Result queue = run("monitor", "--file", events.toString(), "--queue", "mine");
        assertEquals(2, queue.exit());
        assertEquals("telltale monitor: unknown option 'queue' for the file backend (known: follow, from)",
                queue.errLines().get(0));

        Result misspelt = run("monitor", "--file", events.toString(), "--option", "folow=true");
        assertEquals(2, misspelt.exit());
        assertEquals("telltale monitor: unknown option 'folow' for the file backend (known: follow, from); did you mean "
                + "follow?", misspelt.errLines().get(0));

        Result twice = run("monitor", "--file", events.toString(), "--from", "end", "--option", "from=start");
        assertEquals(2, twice.exit());
        assertEquals("telltale monitor: option from is set twice: end and start", twice.errLines().get(0));
    }

    @Test
    void collationFlags_setTheOptions() throws Exception {
        Args args = Args.parse(new MonitorCommand().options(), new String[] {"-s", "-c", "--reorder-window", "500ms",
                "--collate-max-bytes", "16MiB", "--collate-max", "10"});
        dev.telltale.monitor.MonitorOptions options = MonitorCommand.options(args, m -> { });

        assertEquals(java.time.Duration.ofMillis(500), options.reorderWindow());
        assertEquals(16L << 20, options.maxLiveBytes());
        assertEquals(10, options.maxLiveObjects());
    }

    @Test
    void commandLineErrors_exitStatus2() {
        assertEquals(2, run("monitor", "-s", "--file", "x").exit());
        assertEquals(2, run("monitor", "-s", "-f").exit());
        assertEquals(2, run("monitor", "--file", "x", "--backend", "amqp").exit());
        assertEquals(2, run("monitor", "--backend", "nothing").exit());
        assertEquals(2, run("monitor", "--max", "0").exit());
        assertEquals(2, run("monitor", "--collate-timeout", "soon").exit());
        assertEquals(2, run("monitor", "--reorder-window", "soon").exit());
        assertEquals(2, run("monitor", "--collate-max-bytes", "lots").exit());
        assertEquals(2, run("monitor", "--set", "telltale.file.pth=x").exit());
        assertEquals(2, run("monitor", "stray").exit());
        Result r = run("monitor", "--colate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown option --colate; did you mean --collate?"), r.err());
    }

    @Test
    void aBackendThatCannotBeRead_exitStatus1() {
        Result r = run("monitor", "--file", dir.resolve("missing.jsonl").toString());

        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("telltale monitor: cannot read the file backend: "), r.err());
        assertTrue(r.err().contains("missing.jsonl"), r.err());
    }

    @Test
    void help_listsTheExitCodes_andEveryBackendsSubscriptionOptions() {
        Result r = run("monitor", "--help");

        assertEquals(0, r.exit());
        assertTrue(r.out().contains("3 done, but malformed input was skipped"), r.out());
        assertTrue(r.out().contains("  file:\n    telltale.file.follow"), r.out());
        assertTrue(r.out().contains("telltale.file.from"), r.out());
        assertTrue(r.out().contains("-r, --rkey PATTERN..."), r.out());
        String from = r.out().lines().filter(l -> l.contains("--from")).findFirst().orElse("");
        assertTrue(from.contains("file start|end") && from.contains("kafka earliest|latest"), "the --from line: " + from);
        assertTrue(run("--help").err().isEmpty());
        assertTrue(run("--help").out().contains("monitor"));
    }
}
