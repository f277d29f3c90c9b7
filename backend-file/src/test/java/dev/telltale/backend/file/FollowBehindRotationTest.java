package dev.telltale.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower that falls more than {@code max-files} rotations behind the writer: it resumes with
 * the oldest file still there and counts the files deleted before it read them, only when some
 * were.
 */
class FollowBehindRotationTest {

    private static final Duration CHECK = Duration.ofMillis(2);
    private static final int SIZE = 200; // about 20 lines in a 4 KiB file

    @TempDir
    Path dir;

    private long firstSeqOf(Path file) throws Exception {
        return Events.seq(Files.readAllLines(file).get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<Long> readAll(FileSource source, long last) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Envelope e = source.poll(Duration.ofSeconds(30));
            assertNotNull(e, () -> "nothing after " + seqs);
            long seq = Events.seq(e.payload());
            seqs.add(seq);
            if (seq == last) {
                return seqs;
            }
        }
        throw new AssertionError("never reached " + last + ": " + seqs);
    }

    @Test
    void writerRotatingFasterThanTheReader_resumesWithTheOldestFileLeft_andCountsTheLoss() throws Exception {
        Path path = dir.resolve("events.jsonl");
        FileSettings settings = new FileSettings(path, 4096, 3, false);
        try (FileSink sink = new FileSink(settings)) {
            sink.publish(Events.batch(0, 50, SIZE)); // three files
        }
        try (FileSource source = FileSource.open(path, Subscription.all(), new ReadOptions(true, false), CHECK)) {
            long first = Events.seq(source.poll(Duration.ofSeconds(30)).payload()); // the oldest file is open
            try (FileSink sink = new FileSink(settings)) {
                sink.publish(Events.batch(50, 400, SIZE)); // about 20 rotations while the reader waits
            }
            long oldestLeft = firstSeqOf(dir.resolve("events.2.jsonl"));

            List<Long> seqs = readAll(source, 449);

            int resumed = seqs.indexOf(oldestLeft);
            assertTrue(resumed > 0, () -> "did not resume with the oldest file left (" + oldestLeft + "): " + seqs);
            for (int i = 0; i < resumed; i++) {
                assertEquals(first + 1 + i, seqs.get(i), "the rest of the open file, in order");
            }
            for (int i = resumed; i < seqs.size(); i++) {
                assertEquals(oldestLeft + (i - resumed), seqs.get(i), "every line after the loss, in order");
            }
            assertTrue(source.rotatedFilesLost() >= 1, "lost: " + source.rotatedFilesLost());
        }
    }

    @Test
    void openFileDeleted_butItsSuccessorStillThere_losesNothing_andCountsNothing() throws Exception {
        Path path = dir.resolve("events.jsonl");
        FileSettings settings = new FileSettings(path, 4096, 3, false);
        try (FileSink sink = new FileSink(settings)) {
            sink.publish(Events.batch(0, 50, SIZE)); // three files
        }
        try (FileSource source = FileSource.open(path, Subscription.all(), new ReadOptions(true, false), CHECK)) {
            long first = Events.seq(source.poll(Duration.ofSeconds(30)).payload());
            long successor = firstSeqOf(dir.resolve("events.1.jsonl"));
            try (FileSink sink = new FileSink(settings)) {
                sink.publish(Events.batch(50, 15, SIZE)); // one rotation: the open (oldest) file is deleted
            }
            assertEquals(successor, firstSeqOf(dir.resolve("events.2.jsonl")), "exactly one rotation");

            List<Long> seqs = readAll(source, 64);

            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(first + 1 + i, seqs.get(i), "every line once, in order");
            }
            assertEquals(0, source.rotatedFilesLost());
        }
    }
}
