package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.tool.Json;
import dev.telltale.tool.SnapshotFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo saves one caught and one uncaught exception, and its summary names the files and the dump command. */
class DemoSnapshotsTest {

    @TempDir
    Path dir;

    @Test
    void demo_savesACaughtAndAnUncaughtSnapshot_andTheSummaryNamesThem() throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        DemoCommand demo = new DemoCommand();
        int status = demo.run(Args.parse(demo.options(), new String[] {"--duration", "1s", "--no-jfr", "--out",
                dir.resolve("out").toString(), "--rate", "50", "--set", "telltale.flush.interval=20ms"}), out, out);
        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);

        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("out").resolve("snapshots"))) {
            files = s.sorted().toList();
        }
        assertEquals(2, files.size(), files.toString());
        List<Boolean> uncaught = new ArrayList<>();
        for (Path f : files) {
            assertTrue(text.contains("  " + f + "\n"), "the summary names " + f + ":\n" + text);
            uncaught.add((Boolean) SnapshotFile.read(f).document().get("uncaught"));
        }
        assertTrue(uncaught.contains(true) && uncaught.contains(false), uncaught.toString());
        assertTrue(text.contains("Read one: ./telltale dump show " + dir.resolve("out").resolve("snapshots")), text);
        assertTrue(text.contains("demo-settlement-worker died: java.lang.ArithmeticException"), text);

        long saved = Files.readAllLines(dir.resolve("out/events.jsonl")).stream()
                .filter(l -> "snapshot.saved".equals(Json.parseObject(l).get("kind"))).count();
        assertEquals(2, saved);
    }
}
