package dev.telltale.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.core.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file backend under the real pipeline when the disk says no: the application keeps
 * running, every event is accounted for as a drop, and one warning says what is wrong.
 */
@Timeout(60)
class FilePipelineTest {

    @TempDir
    Path dir;

    private static Telltale pipeline(Path path) {
        return Telltale.builder().readEnvironment(false).shutdownHook(false).backend("file")
                .set("telltale.file.path", path.toString()).set("telltale.retry.attempts", "2")
                .set("telltale.retry.backoff", "1ms").set("telltale.retry.max-backoff", "2ms")
                .healthInterval(Duration.ZERO).build();
    }

    private static void emitAndFlush(Telltale telltale, int n) {
        Emitter emitter = telltale.emitter("disk.test");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < n; i++) {
                emitter.emit("e", Map.of("i", i));
            }
        }, "emitting never waits for the disk");
        assertTrue(telltale.flush(Duration.ofSeconds(20)));
    }

    @Test
    void unwritablePath_countsEveryEventAsBackendError_andWarnsOnceNamingThePath() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path events = notADirectory.resolve("events.jsonl");
        try (LogCapture log = new LogCapture(); Telltale telltale = pipeline(events)) {
            emitAndFlush(telltale, 50);
            PipelineStats s = telltale.stats();
            assertEquals(50, s.offered());
            assertEquals(0, s.published());
            assertEquals(50, s.droppedBackendError());
            assertEquals(0, s.pending());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("backend 'file' failed") && warnings.get(0).contains(events.toString()),
                    warnings.get(0));
        }
    }

    @Test
    void fullDisk_countsEveryEventAsBackendError_andWarnsOnce() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "needs /dev/full (Linux)");
        try (LogCapture log = new LogCapture(); Telltale telltale = pipeline(full)) {
            emitAndFlush(telltale, 20);
            PipelineStats s = telltale.stats();
            assertEquals(20, s.droppedBackendError());
            assertEquals(0, s.published());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("No space left on device"), warnings.get(0));
        }
    }

    @Test
    void diskBack_afterFailures_publishingResumesByItself() throws Exception {
        Path blocker = dir.resolve("later");
        Files.writeString(blocker, "a file where the directory should be");
        Path events = blocker.resolve("events.jsonl");
        try (LogCapture log = new LogCapture(); Telltale telltale = pipeline(events)) {
            emitAndFlush(telltale, 5);
            assertEquals(5, telltale.stats().droppedBackendError());
            Files.delete(blocker); // the operator fixes it
            emitAndFlush(telltale, 7);
            assertEquals(7, telltale.stats().published());
            assertEquals(7, Files.readAllLines(events).size());
            assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("is publishing again")), log.all().toString());
        }
    }

    /**
     * Out-of-range values from the environment (here system properties, the environment's
     * highest-precedence origin) once made every open fail and every event a backend-error; now
     * each is reported once and its default used.
     */
    @Test
    void maxSizeAndMaxFilesOutOfRange_fromTheEnvironment_warnOnceEach_andEventsArePublished() throws Exception {
        Path events = dir.resolve("events.jsonl");
        System.setProperty("telltale.file.max-size", "1");
        System.setProperty("telltale.file.max-files", "0");
        try (LogCapture log = new LogCapture(); Telltale telltale = Telltale.builder().shutdownHook(false)
                .backend("file").set("telltale.file.path", events.toString()).healthInterval(Duration.ZERO).build()) {
            emitAndFlush(telltale, 10);
            PipelineStats s = telltale.stats();
            assertEquals(10, s.published(), s.toString());
            assertEquals(0, s.dropped(), s.toString());
            assertEquals(10, Files.readAllLines(events).size());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(List.of(
                    "telltale: telltale.file.max-files (system property): '0' is out of range: it must be at least 1;"
                            + " using '5' instead",
                    "telltale: telltale.file.max-size (system property): '1' is out of range: it must be at least 4KiB;"
                            + " using '64MiB' instead"),
                    warnings.stream().sorted().toList(), log.all().toString());
        } finally {
            System.clearProperty("telltale.file.max-size");
            System.clearProperty("telltale.file.max-files");
        }
    }
}
