package dev.telltale.backend.file;

import static dev.telltale.backend.file.Events.batch;
import static dev.telltale.backend.file.Events.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Subscription;
import dev.telltale.spi.TopicPattern;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private Path events() {
        return dir.resolve("events.jsonl");
    }

    private FileSource source(boolean follow, boolean fromEnd, String... patterns) throws IOException {
        Subscription subscription = new Subscription(Arrays.stream(patterns).map(TopicPattern::of).toList(), Map.of());
        FileSource source = FileSource.open(events(), subscription, new ReadOptions(follow, fromEnd));
        toClose.add(source);
        return source;
    }

    private FileSink sink(long maxSize, int maxFiles) throws IOException {
        FileSink sink = new FileSink(new FileSettings(events(), maxSize, maxFiles, false));
        toClose.add(sink);
        return sink;
    }

    private void append(String text) throws IOException {
        Files.writeString(events(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Everything a non-following source returns, which must then have ended. */
    private static List<Envelope> readToEnd(FileSource source) throws Exception {
        List<Envelope> read = new ArrayList<>();
        for (Envelope e = source.poll(Duration.ZERO); e != null; e = source.poll(Duration.ZERO)) {
            read.add(e);
        }
        assertTrue(source.ended());
        return read;
    }

    /** The next envelope of a followed source, which must come within {@link #WAIT}. */
    private static Envelope next(FileSource source) throws Exception {
        Envelope e = source.poll(WAIT);
        assertNotNull(e, "no line within " + WAIT);
        return e;
    }

    private static String line(String routingKey, int seq) {
        return "{\"routingKey\":\"" + routingKey + "\",\"seq\":" + seq + "}";
    }

    @Test
    void poll_rotatedFiles_returnsEveryLineOldestFirstWithExactBytes() throws Exception {
        List<Envelope> published = new ArrayList<>();
        FileSink sink = sink(4096, 10);
        for (int from = 0; from < 100; from += 9) {
            List<Envelope> batch = batch(from, Math.min(9, 100 - from), 199);
            sink.publish(batch);
            published.addAll(batch);
        }
        FileSource source = source(false, false);

        Envelope first = source.poll(Duration.ZERO);
        assertEquals("events.4.jsonl:1", source.position());
        List<Envelope> read = new ArrayList<>(List.of(first));
        read.addAll(readToEnd(source));

        assertEquals(published.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertArrayEquals(published.get(i).payload(), read.get(i).payload(), "line " + i);
            assertEquals("demo.orders", read.get(i).routingKey());
            assertEquals(Map.of(), read.get(i).headers());
        }
        assertEquals("events.jsonl:20", source.position());
    }

    @Test
    void poll_withPatterns_returnsOnlyMatchingRoutingKeys() throws Exception {
        append(line("a.b", 1) + "\n" + line("x.y", 2) + "\n" + line("a.c", 3) + "\n" + line("a.b.c", 4) + "\n");
        List<Envelope> read = readToEnd(source(false, false, "a.*"));
        assertEquals(List.of("a.b", "a.c"), read.stream().map(Envelope::routingKey).toList());
    }

    @Test
    void poll_malformedLinesWithoutPatterns_returnsThemWithEmptyKeyAtTheirPosition() throws Exception {
        append(line("a", 1) + "\nnot json\n" + line("a", 3) + "\n{\"routingKey\":5}\n");
        FileSource source = source(false, false);
        List<String> seen = new ArrayList<>();
        for (Envelope e = source.poll(Duration.ZERO); e != null; e = source.poll(Duration.ZERO)) {
            seen.add(e.routingKey() + "@" + source.position() + "=" + text(e.payload()));
        }
        assertEquals(List.of("a@events.jsonl:1=" + line("a", 1), "@events.jsonl:2=not json",
                "a@events.jsonl:3=" + line("a", 3), "@events.jsonl:4={\"routingKey\":5}"), seen);
    }

    @Test
    void poll_malformedLinesWithPatterns_areStillReturned_withEmptyKey() throws Exception {
        append(line("a", 1) + "\nnot json\n" + line("b", 3) + "\n[1,2]\n");
        List<Envelope> read = readToEnd(source(false, false, "a"));
        assertEquals(List.of("a", "", ""), read.stream().map(Envelope::routingKey).toList());
        assertEquals("not json", text(read.get(1).payload()));
        assertEquals("[1,2]", text(read.get(2).payload()));
    }

    @Test
    void poll_blankLines_areSkippedButCountInPositions() throws Exception {
        append("\n  \t\r\n" + line("a", 3) + "\n\n");
        FileSource source = source(false, false);
        assertNotNull(source.poll(Duration.ZERO));
        assertEquals("events.jsonl:3", source.position());
        assertNull(source.poll(Duration.ZERO));
        assertTrue(source.ended());
    }

    @Test
    void poll_lastLineWithoutNewlineNotFollowing_returnsIt() throws Exception {
        append(line("a", 1) + "\n" + line("a", 2));
        List<Envelope> read = readToEnd(source(false, false));
        assertEquals(line("a", 2), text(read.get(1).payload()));
    }

    @Test
    void poll_lastLineWithoutNewlineFollowing_holdsItBackUntilComplete() throws Exception {
        String second = line("a", 2);
        append(line("a", 1) + "\n" + second.substring(0, 10));
        FileSource source = source(true, false);
        assertEquals(line("a", 1), text(next(source).payload()));
        assertNull(source.poll(Duration.ZERO));

        append(second.substring(10) + "\n");
        assertEquals(second, text(next(source).payload()));
        assertEquals("events.jsonl:2", source.position());
    }

    @Test
    void poll_linesOfSeveralMiB_returnsThemWhole() throws Exception {
        List<Envelope> published = new ArrayList<>();
        FileSink sink = sink(64 << 20, 5);
        for (int size : new int[] {5 << 20, 100, 3 << 20, 64 * 1024 + 1}) {
            List<Envelope> batch = batch(published.size(), 1, size);
            sink.publish(batch);
            published.addAll(batch);
        }
        List<Envelope> read = readToEnd(source(false, false));
        assertEquals(published.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertArrayEquals(published.get(i).payload(), read.get(i).payload());
        }
    }

    @Test
    void open_noFilesNotFollowing_throwsNoSuchFileNamingThePath() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> source(false, false));
        assertTrue(e.getMessage().contains(events().toString()), e.getMessage());
    }

    @Test
    void poll_fromEnd_returnsOnlyLinesWrittenAfterOpening() throws Exception {
        FileSink sink = sink(1 << 20, 5);
        sink.publish(batch(0, 5, 100));
        FileSource source = source(true, true);
        assertNull(source.poll(Duration.ZERO));

        sink.publish(batch(5, 3, 100));
        assertEquals(5, Events.seq(next(source).payload()));
        assertEquals("events.jsonl:6", source.position());
        assertEquals(6, Events.seq(next(source).payload()));
        assertEquals(7, Events.seq(next(source).payload()));
    }

    @Test
    void poll_fromEndNotFollowing_endsAtOnce() throws Exception {
        sink(1 << 20, 5).publish(batch(0, 5, 100));
        FileSource source = source(false, true);
        assertNull(source.poll(Duration.ZERO));
        assertTrue(source.ended());
    }

    @Test
    void poll_followingAFileThatDoesNotExistYet_readsItFromTheStartOnceItAppears() throws Exception {
        FileSource source = source(true, true);
        assertNull(source.poll(Duration.ZERO));
        assertFalse(source.ended());

        sink(1 << 20, 5).publish(batch(0, 2, 100));
        assertEquals(0, Events.seq(next(source).payload()));
        assertEquals(1, Events.seq(next(source).payload()));
    }

    @Test
    void poll_interrupted_throwsInterruptedException() throws Exception {
        FileSource source = source(true, false);
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> source.poll(WAIT));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void poll_followedFileTruncatedInPlace_readsItAgainFromItsStart() throws Exception {
        append(line("old", 1) + "\n" + line("old", 2) + "\n" + line("old", 3) + "\n");
        FileSource source = source(true, false);
        for (int i = 0; i < 3; i++) {
            next(source);
        }
        try (FileChannel channel = FileChannel.open(events(), StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append(line("new", 1) + "\n");
        assertEquals(line("new", 1), text(next(source).payload()));
        assertEquals("events.jsonl:1", source.position());
    }

    @Test
    void poll_followedFileReplaced_continuesWithTheNewFileFromItsStart() throws Exception {
        append(line("old", 1) + "\n");
        FileSource source = source(true, false);
        next(source);
        Files.move(events(), dir.resolve("elsewhere.jsonl"));
        assertNull(source.poll(Duration.ZERO), "waits while the path names no file");
        append(line("new", 1) + "\n" + line("new", 2) + "\n" + line("new", 3) + "\n");
        assertEquals(line("new", 1), text(next(source).payload()));
        assertEquals(line("new", 2), text(next(source).payload()));
    }

    @Test
    void poll_followingThroughRotations_readsTheRestOfEachOldFileFirst() throws Exception {
        FileSink sink = sink(4096, 10);
        sink.publish(batch(0, 10, 199));
        FileSource source = source(true, false);
        for (int i = 0; i < 10; i++) {
            next(source);
        }
        sink.publish(batch(10, 30, 199)); // 10 more fill the file the source has open, 20 the next
        for (int i = 10; i < 40; i++) {
            assertEquals(i, Events.seq(next(source).payload()));
            assertEquals(i < 20 ? "events.jsonl:" + (i + 1) : "events.jsonl:" + (i - 19), source.position());
        }
        sink.publish(batch(40, 95, 199)); // several rotations before the source looks again
        for (int i = 40; i < 135; i++) {
            assertEquals(i, Events.seq(next(source).payload()));
        }
        assertNull(source.poll(Duration.ZERO));
    }

    @Test
    void poll_followerMoreThanMaxFilesBehind_continuesWithTheCurrentFileWithoutRepeats() throws Exception {
        FileSink sink = sink(4096, 2);
        sink.publish(batch(0, 5, 199));
        FileSource source = source(true, false);
        assertEquals(0, Events.seq(next(source).payload()));

        sink.publish(batch(5, 95, 199)); // files 20-39, 40-59, 60-79 are deleted unread
        List<Long> seen = new ArrayList<>();
        while (seen.isEmpty() || seen.get(seen.size() - 1) != 99) {
            seen.add(Events.seq(next(source).payload()));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seen.subList(0, 10), "the open file is read to its end");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "in order, no repeats: " + seen);
        }
        assertNull(source.poll(Duration.ZERO));
    }
}
