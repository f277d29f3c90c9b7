package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo run in this JVM: its read-back never holds the shop back, and a bad events path is an error, not a crash. */
@Timeout(120)
class DemoCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String[] demo(String... more) {
        String[] base = {"--duration", "1s", "--no-jfr", "--out", dir.resolve("out").toString(),
                "--set", "telltale.flush.interval=20ms"};
        String[] argv = new String[base.length + more.length];
        System.arraycopy(base, 0, argv, 0, base.length);
        System.arraycopy(more, 0, argv, base.length, more.length);
        return argv;
    }

    private int run(DemoCommand command, String... argv) throws Exception {
        return command.run(Args.parse(command.options(), argv), out, err);
    }

    private String output() {
        return "--- stdout\n" + outBytes.toString(StandardCharsets.UTF_8) + "\n--- stderr\n"
                + errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shop_emitsItsFirstEvents_beforeTheReadBackConnects() throws Exception {
        Path events = dir.resolve("out/events.jsonl");
        AtomicBoolean eventsBeforeConnect = new AtomicBoolean();
        DemoCommand demo = new DemoCommand((backend, settings) -> {
            // a broker that answers only once the shop is running: the shop must not wait for it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!hasEvents(events) && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling a file the pipeline writes; bounded by the deadline
            }
            eventsBeforeConnect.set(hasEvents(events));
            return DemoReadBack.open(backend, settings);
        });
        int status = run(demo, demo());
        assertTrue(eventsBeforeConnect.get(), "the shop's events were published before the read-back connected: " + output());
        assertEquals(0, status, output());
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("Events by kind, read back through the file backend"),
                output());
    }

    @Test
    void readBack_thatNeverConnects_doesNotHoldTheDemo_andTheSummarySaysSo() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        DemoCommand demo = new DemoCommand((backend, settings) -> {
            never.await(60, TimeUnit.SECONDS); // a broker that does not answer; interrupted when the run ends
            throw new IllegalStateException("no answer");
        });
        int status = run(demo, demo());
        assertEquals(0, status, output());
        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("The read-back through the file backend had not connected by the end"), output());
        assertTrue(text.contains("The shop handled"), output());
        assertFalse(text.contains("Events by kind"), output());
    }

    @Test
    void eventsPath_underAFile_isAClearError_notACrash() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path events = notADirectory.resolve("events.jsonl");
        String[] argv = demo("--set", "telltale.file.path=" + events);
        String[] command = new String[argv.length + 1];
        command[0] = "demo";
        System.arraycopy(argv, 0, command, 1, argv.length);
        int status = Main.run(command, out, err);
        assertNotEquals(0, status, output());
        String text = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("telltale demo: cannot write events to " + events + ": " + notADirectory
                + " is not a directory"), output());
        assertFalse(text.contains("Exception"), output());
    }

    private static boolean hasEvents(Path events) {
        try {
            return Files.exists(events) && Files.size(events) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
