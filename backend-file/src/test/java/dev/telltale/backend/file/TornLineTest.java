package dev.telltale.backend.file;

import static dev.telltale.backend.file.Events.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.Telltale;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.monitor.MalformedInput;
import dev.telltale.monitor.Message;
import dev.telltale.monitor.Monitor;
import dev.telltale.monitor.MonitorOptions;
import dev.telltale.monitor.MonitorStream;
import dev.telltale.spi.Envelope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that stopped mid-line (a crash, a kill) leaves a torn last line; the next writer must
 * not glue its first event onto it.
 */
@Timeout(60)
class TornLineTest {

    /** The start of a real event line, cut where a crash could cut it. */
    private static final String TORN = "{\"kind\":\"torn.event\",\"routingKey\":\"torn.test\",\"source\":\"x\",\"se";

    @TempDir
    Path dir;

    private Path events() {
        return dir.resolve("events.jsonl");
    }

    private static byte[] lines(List<Envelope> envelopes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Envelope e : envelopes) {
            out.writeBytes(e.payload());
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Test
    void open_currentFileEndsInAPartialLine_writesANewlineFirstAndWarnsOnceWithItsLength() throws Exception {
        String before = "{\"routingKey\":\"whole.line\"}\n" + TORN;
        Files.writeString(events(), before, StandardCharsets.UTF_8);
        List<Envelope> batch = batch(0, 3, 150);
        try (LogCapture log = new LogCapture()) {
            try (FileSink sink = new FileSink(new FileSettings(events(), 1 << 20, 5, false))) {
                sink.publish(batch);
            }
            try (FileSink again = new FileSink(new FileSettings(events(), 1 << 20, 5, false))) {
                again.publish(batch(3, 1, 150)); // a clean end: nothing added, nothing said
            }
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains(events().toString())
                    && warnings.get(0).contains("partial line of " + TORN.length() + " bytes"), warnings.get(0));
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes((before + "\n").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(lines(batch));
        expected.writeBytes(lines(batch(3, 1, 150)));
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(events()), "the torn bytes are kept as they were");
    }

    @Test
    void open_fileWithoutAnyNewline_countsTheWholeFileAsThePartialLine() throws Exception {
        String big = TORN + "x".repeat(3 * 8192 + 5); // longer than one read of the backward scan
        Files.writeString(events(), big, StandardCharsets.UTF_8);
        try (LogCapture log = new LogCapture();
                FileSink sink = new FileSink(new FileSettings(events(), 1 << 20, 5, false))) {
            sink.publish(batch(0, 1, 150));
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("partial line of " + big.length() + " bytes"), warnings.get(0));
        }
        assertEquals(big + "\n" + Events.text(lines(batch(0, 1, 150))), Files.readString(events()));
    }

    @Test
    void pipeline_restartedAfterACrashMidLine_newEventsAllReadBackAndTheTornLineIsOneMalformedLine() throws Exception {
        Files.writeString(events(), TORN, StandardCharsets.UTF_8);
        try (Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("file")
                .set("telltale.file.path", events().toString()).healthInterval(Duration.ZERO).build()) {
            Emitter emitter = telltale.emitter("restart.test");
            for (int i = 0; i < 20; i++) {
                emitter.emit("after.crash", Map.of("i", i));
            }
            assertTrue(telltale.flush(Duration.ofSeconds(20)));
        }
        List<MalformedInput> malformed = new ArrayList<>();
        List<Integer> read = new ArrayList<>();
        MonitorOptions options = MonitorOptions.builder().backend("file").set("telltale.file.path", events().toString())
                .onMalformed(malformed::add).build();
        try (MonitorStream<Message> messages = Monitor.messages(options)) {
            for (Message m : messages) {
                read.add(((Number) m.event().fields().get("i")).intValue());
            }
            assertEquals(20, messages.counts().messages(), messages.counts().toString());
            assertEquals(1, messages.counts().malformed(), messages.counts().toString());
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertEquals(expected, read, "every new event parses, in order");
        assertEquals(1, malformed.size(), malformed.toString());
        assertEquals("events.jsonl:1", malformed.get(0).position());
    }
}
