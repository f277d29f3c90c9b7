package dev.telltale.cli;

import static dev.telltale.cli.EventLines.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./telltale monitor} as a user runs it: real standard input, real exit status, UTF-8 whatever the locale. */
class MonitorLauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("telltale.it.launcher", "../telltale"))
            .toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void stdin_printsTheEventsUnchanged_inUtf8_reportsMalformedLines_andExits3() throws Exception {
        String a = ctx("born", "c1", 1, 0, "{\"city\":\"Zürich\",\"note\":\"日本\"}");
        String b = ctx("finished", "c1", 2, 1, "{\"elapsed\":0.001,\"reclaimed\":false}");
        Files.writeString(dir.resolve("in.jsonl"), a + "\n{broken\n" + b + "\n", StandardCharsets.UTF_8);

        Processes.Result r = Processes.run(List.of("sh", "-c",
                "LC_ALL=C LANG=C '" + LAUNCHER + "' monitor -s < in.jsonl"), dir, Duration.ofMinutes(5));

        assertEquals(3, r.exit(), r.toString());
        assertEquals(a + "\n" + b + "\n", r.out(), r.toString());
        assertEquals("telltale monitor: skipped stdin:2: expected a member name (a string) or '}' but found 'b' at line 1,"
                + " column 2 (offset 1)\ntelltale monitor: 1 malformed input skipped\n", r.err(), r.toString());
    }

    @Test
    void collate_fromStdin_exits0() throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), ctx("born", "c1", 1, 0, "{\"a\":1}") + "\n"
                + ctx("finished", "c1", 2, 1, "{\"elapsed\":0.001,\"reclaimed\":false}") + "\n", StandardCharsets.UTF_8);

        Processes.Result r = Processes.run(List.of("sh", "-c", "'" + LAUNCHER + "' monitor -s -c -k id fields complete < in.jsonl"),
                dir, Duration.ofMinutes(5));

        assertEquals(0, r.exit(), r.toString());
        assertEquals("{\"id\":\"c1\",\"fields\":{\"a\":1},\"complete\":true}\n", r.out(), r.toString());
    }
}
