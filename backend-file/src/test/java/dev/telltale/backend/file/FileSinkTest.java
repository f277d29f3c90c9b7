package dev.telltale.backend.file;

import static dev.telltale.backend.file.Events.batch;
import static dev.telltale.backend.file.Events.envelope;
import static dev.telltale.backend.file.Events.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private Path events() {
        return dir.resolve("events.jsonl");
    }

    private FileSink sink(long maxSize, int maxFiles) throws IOException {
        return new FileSink(new FileSettings(events(), maxSize, maxFiles, false));
    }

    private static byte[] lines(List<Envelope> envelopes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Envelope e : envelopes) {
            out.writeBytes(e.payload());
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static List<Long> seqs(Path file) throws IOException {
        List<Long> seqs = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            seqs.add(Events.seq(line.getBytes(StandardCharsets.UTF_8)));
        }
        return seqs;
    }

    private static List<Long> range(long from, long toExclusive) {
        List<Long> seqs = new ArrayList<>();
        for (long i = from; i < toExclusive; i++) {
            seqs.add(i);
        }
        return seqs;
    }

    @Test
    void publish_batches_writesEachPayloadAsOneLineInOrder() throws Exception {
        List<Envelope> all = new ArrayList<>();
        try (FileSink sink = new FileSink(new FileSettings(dir.resolve("a/b/events.jsonl"), 64 * MIB, 5, true))) {
            for (int b = 0; b < 20; b++) {
                List<Envelope> batch = batch(b * 100L, 1 + b * 7, 50 + b * 13);
                batch.add(envelope("{\"routingKey\":\"x\",\"note\":\"zażółć \\\"q\\\" \\u00e9\"}".getBytes(StandardCharsets.UTF_8)));
                assertSame(Sink.Outcome.ALL_PUBLISHED, sink.publish(batch));
                all.addAll(batch);
            }
        }
        assertArrayEquals(lines(all), Files.readAllBytes(dir.resolve("a/b/events.jsonl")));
    }

    @Test
    void publish_payloadsLargerThanTheBuffer_writesThemWhole() throws Exception {
        List<Envelope> batch = List.of(envelope(payload(1, "a", 100)),
                envelope(payload(2, "a", 3 * LineBuffer.CAPACITY + 17)),
                envelope(payload(3, "a", LineBuffer.CAPACITY - 1)),
                envelope(payload(4, "a", LineBuffer.CAPACITY)),
                envelope(payload(5, "a", 10)));
        try (FileSink sink = sink(64 * MIB, 5)) {
            sink.publish(batch);
        }
        assertArrayEquals(lines(batch), Files.readAllBytes(events()));
    }

    @Test
    void publish_emptyBatch_writesNothing() throws Exception {
        try (FileSink sink = sink(64 * MIB, 5)) {
            assertSame(Sink.Outcome.ALL_PUBLISHED, sink.publish(List.of()));
        }
        assertEquals(0, Files.size(events()));
    }

    @Test
    void publish_pastMaxSize_rotatesKeepingMaxFilesAndDeletingTheOldest() throws Exception {
        // 200-byte lines: 20 fit in 4096 bytes, so 100 lines make 5 files; 3 are kept.
        try (FileSink sink = sink(4096, 3)) {
            for (int from = 0; from < 100; from += 7) {
                sink.publish(batch(from, Math.min(7, 100 - from), 199));
            }
        }
        assertEquals(range(80, 100), seqs(events()));
        assertEquals(range(60, 80), seqs(dir.resolve("events.1.jsonl")));
        assertEquals(range(40, 60), seqs(dir.resolve("events.2.jsonl")));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count());
        }
        for (Path file : List.of(events(), dir.resolve("events.1.jsonl"), dir.resolve("events.2.jsonl"))) {
            assertEquals(4000, Files.size(file), file.toString());
        }
    }

    @Test
    void publish_oneBatchSpanningSeveralFiles_rotatesWithinTheBatch() throws Exception {
        try (FileSink sink = sink(4096, 10)) {
            sink.publish(batch(0, 70, 199));
        }
        assertEquals(range(0, 20), seqs(dir.resolve("events.3.jsonl")));
        assertEquals(range(20, 40), seqs(dir.resolve("events.2.jsonl")));
        assertEquals(range(40, 60), seqs(dir.resolve("events.1.jsonl")));
        assertEquals(range(60, 70), seqs(events()));
    }

    @Test
    void publish_lineLargerThanMaxSize_writesItAloneIntoAFreshFile() throws Exception {
        List<Envelope> batch = List.of(envelope(payload(1, "a", 100)), envelope(payload(2, "a", 10_000)),
                envelope(payload(3, "a", 100)));
        try (FileSink sink = sink(4096, 5)) {
            assertSame(Sink.Outcome.ALL_PUBLISHED, sink.publish(batch));
        }
        assertEquals(List.of(1L), seqs(dir.resolve("events.2.jsonl")));
        assertEquals(List.of(2L), seqs(dir.resolve("events.1.jsonl")));
        assertEquals(10_001, Files.size(dir.resolve("events.1.jsonl")));
        assertEquals(List.of(3L), seqs(events()));
    }

    @Test
    void publish_maxFilesOne_keepsOnlyTheCurrentFile() throws Exception {
        try (FileSink sink = sink(4096, 1)) {
            sink.publish(batch(0, 50, 199));
        }
        assertEquals(range(40, 50), seqs(events()));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void publish_afterRestart_appendsAndRotatesBySizeOnDisk() throws Exception {
        try (FileSink sink = sink(4096, 3)) {
            sink.publish(batch(0, 15, 199));
        }
        try (FileSink sink = sink(4096, 3)) {
            sink.publish(batch(15, 10, 199));
        }
        assertEquals(range(0, 20), seqs(dir.resolve("events.1.jsonl")));
        assertEquals(range(20, 25), seqs(events()));
        try (FileSink sink = sink(4096, 3)) {
            sink.publish(batch(25, 40, 199));
        }
        assertEquals(range(20, 40), seqs(dir.resolve("events.2.jsonl")));
        assertEquals(range(40, 60), seqs(dir.resolve("events.1.jsonl")));
        assertEquals(range(60, 65), seqs(events()));
        assertFalse(Files.exists(dir.resolve("events.3.jsonl")));
    }

    @Test
    void publish_fewerMaxFilesAfterRestart_deletesTheSurplusOnRotation() throws Exception {
        try (FileSink sink = sink(4096, 5)) {
            sink.publish(batch(0, 90, 199));
        }
        try (FileSink sink = sink(4096, 2)) {
            sink.publish(batch(90, 20, 199));
        }
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
        assertEquals(range(80, 100), seqs(dir.resolve("events.1.jsonl")));
        assertEquals(range(100, 110), seqs(events()));
    }

    @Test
    void open_parentIsARegularFile_throwsIOExceptionNamingThePath() throws Exception {
        Files.writeString(dir.resolve("blocker"), "not a directory");
        Path path = dir.resolve("blocker/events.jsonl");
        IOException e = assertThrows(IOException.class, () -> new FileSink(new FileSettings(path, 4096, 5, false)));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void open_pathIsADirectory_throwsIOExceptionNamingThePath() throws Exception {
        Files.createDirectories(events());
        IOException e = assertThrows(IOException.class, () -> sink(4096, 5));
        assertTrue(e.getMessage().contains(events().toString()), e.getMessage());
    }

    @Test
    void publish_toAFullDevice_throwsIOExceptionNamingIt() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
        try (FileSink sink = new FileSink(new FileSettings(full, 4096, 5, false))) {
            for (int attempt = 0; attempt < 3; attempt++) { // as the pipeline retries
                IOException e = assertThrows(IOException.class, () -> sink.publish(batch(0, 50, 199)));
                assertTrue(e.getMessage().contains("/dev/full"), e.getMessage());
            }
        }
        assertTrue(Files.exists(full) && !Files.isRegularFile(full), "/dev/full must never be rotated");
    }

    @Test
    void publish_failingMidBatch_truncatesBackAndSucceedsOnRetry() throws Exception {
        AtomicReference<FailingFileChannel> channel = new AtomicReference<>();
        FileSink.Opener opener = path -> {
            channel.set(new FailingFileChannel(FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1000 + 350));
            return channel.get();
        };
        List<Envelope> first = batch(0, 5, 199);
        List<Envelope> second = batch(5, 5, 199);
        try (FileSink sink = new FileSink(new FileSettings(events(), 64 * MIB, 5, false), opener, Long.MAX_VALUE)) {
            sink.publish(first);
            IOException e = assertThrows(IOException.class, () -> sink.publish(second));
            assertTrue(e.getMessage().contains(events().toString()) && e.getMessage().contains("No space left"),
                    e.getMessage());
            assertArrayEquals(lines(first), Files.readAllBytes(events()), "no partial line left behind");

            channel.get().refill(Long.MAX_VALUE); // space freed; the pipeline retries the batch
            sink.publish(second);
        }
        List<Envelope> both = new ArrayList<>(first);
        both.addAll(second);
        assertArrayEquals(lines(both), Files.readAllBytes(events()));
    }

    @Test
    void publish_truncationFailingToo_repairsTheFileWhenReopening() throws Exception {
        List<FileChannel> opened = new ArrayList<>();
        FileSink.Opener opener = path -> {
            FileChannel real = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileChannel channel = opened.isEmpty() ? new FailingFileChannel(real, 1000 + 350).failTruncate() : real;
            opened.add(channel);
            return channel;
        };
        List<Envelope> first = batch(0, 5, 199);
        List<Envelope> third = batch(10, 5, 199);
        try (FileSink sink = new FileSink(new FileSettings(events(), 64 * MIB, 5, false), opener, Long.MAX_VALUE)) {
            sink.publish(first);
            IOException e = assertThrows(IOException.class, () -> sink.publish(batch(5, 5, 199)));
            assertEquals(1, e.getCause().getSuppressed().length, "the failed truncation is attached");
            assertEquals(1350, Files.size(events()), "the partial batch is still there");
            sink.publish(third);
        }
        assertEquals(2, opened.size());
        List<Envelope> expected = new ArrayList<>(first);
        expected.addAll(third);
        assertArrayEquals(lines(expected), Files.readAllBytes(events()));
    }

    @Test
    void publish_fileDeletedUnderTheSink_reopensItAtThePath() throws Exception {
        try (FileSink sink = new FileSink(new FileSettings(events(), 64 * MIB, 5, false), path -> FileChannel.open(path,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), 0)) {
            sink.publish(batch(0, 3, 100));
            Files.delete(events());
            sink.publish(batch(3, 3, 100));
        }
        assertEquals(range(3, 6), seqs(events()));
    }

    @Test
    void publish_pathIsASymbolicLink_writesThroughItWithoutRotating() throws Exception {
        Path target = Files.createFile(dir.resolve("target.jsonl"));
        Files.createSymbolicLink(events(), target);
        try (FileSink sink = sink(4096, 2)) {
            sink.publish(batch(0, 50, 199));
        }
        assertTrue(Files.isSymbolicLink(events()));
        assertEquals(range(0, 50), seqs(target));
        assertFalse(Files.exists(dir.resolve("events.1.jsonl")));
    }

}
