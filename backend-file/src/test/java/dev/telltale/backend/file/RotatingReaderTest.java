package dev.telltale.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingReaderTest {

    @TempDir
    Path dir;

    private EventFiles files() {
        return new EventFiles(dir.resolve("events.jsonl"));
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> drain(RotatingReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (byte[] line = reader.next(); line != null; line = reader.next()) {
            lines.add(new String(line, StandardCharsets.UTF_8) + "@" + reader.lastName() + ":" + reader.lastLine());
        }
        return lines;
    }

    @Test
    void next_linesAppendedJustBeforeRotation_areReadBeforeTheNextFile() throws Exception {
        EventFiles files = files();
        append(files.current(), "a1\n");
        AtomicBoolean armed = new AtomicBoolean();
        FileChain.Ids ids = path -> {
            if (path.equals(files.current()) && armed.getAndSet(false)) {
                // the writer, between the reader's end of file and its look at the path:
                append(files.current(), "a2\n");
                files.rotate(5);
                append(files.current(), "b1\n");
            }
            return FileId.of(path);
        };
        try (RotatingReader reader = new RotatingReader(files, new FileChain(files, ids), true, false)) {
            assertEquals(List.of("a1@events.jsonl:1"), drain(reader));
            armed.set(true);
            assertEquals(List.of("a2@events.jsonl:2", "b1@events.jsonl:1"), drain(reader));
            assertFalse(reader.ended());
        }
    }

    @Test
    void next_partialLineOfAFileRotatedAway_isReturnedAsItIs() throws Exception {
        EventFiles files = files();
        append(files.current(), "a1\na2-cut");
        try (RotatingReader reader = new RotatingReader(files, true, false)) {
            assertEquals(List.of("a1@events.jsonl:1"), drain(reader));
            files.rotate(5);
            append(files.current(), "b1\n");
            assertEquals(List.of("a2-cut@events.jsonl:2", "b1@events.jsonl:1"), drain(reader));
        }
    }

    @Test
    void next_gapInTheNumbers_readsEveryFileOldestFirst() throws Exception {
        EventFiles files = files();
        append(files.rotated(3), "oldest\n");
        append(files.rotated(1), "newer\n");
        append(files.current(), "current\n");
        try (RotatingReader reader = new RotatingReader(files, false, false)) {
            assertEquals(List.of("oldest@events.3.jsonl:1", "newer@events.1.jsonl:1", "current@events.jsonl:1"),
                    drain(reader));
            assertTrue(reader.ended());
        }
    }

    @Test
    void next_onlyRotatedFilesNotFollowing_readsThemAndEnds() throws Exception {
        EventFiles files = files();
        append(files.rotated(1), "rotated\n");
        try (RotatingReader reader = new RotatingReader(files, false, false)) {
            assertEquals(List.of("rotated@events.1.jsonl:1"), drain(reader));
            assertTrue(reader.ended());
        }
    }

    @Test
    void next_fromEnd_skipsCompleteLinesButCompletesThePartialOne() throws Exception {
        EventFiles files = files();
        append(files.rotated(1), "old\n");
        append(files.current(), "a\nb-start");
        try (RotatingReader reader = new RotatingReader(files, true, true)) {
            assertNull(reader.next());
            append(files.current(), "-end\nc\n");
            assertEquals(List.of("b-start-end@events.jsonl:2", "c@events.jsonl:3"), drain(reader));
        }
    }

    @Test
    void close_thenNext_returnsNullAndEnds() throws Exception {
        EventFiles files = files();
        append(files.current(), "a\n");
        RotatingReader reader = new RotatingReader(files, true, false);
        reader.close();
        reader.close();
        assertNull(reader.next());
        assertTrue(reader.ended());
    }

    @Test
    void next_fromEndBeforeTheCurrentFileExists_readsItWholeAndNoRotatedFile() throws Exception {
        EventFiles files = files();
        append(files.rotated(1), "old\n");
        try (RotatingReader reader = new RotatingReader(files, true, true)) {
            assertNull(reader.next());
            append(files.current(), "new\n");
            assertEquals(List.of("new@events.jsonl:1"), drain(reader));
        }
    }
    /**
     * The writer rotating several times while the reader looks at the names, over and over (as
     * when the reader's thread is held up on a busy machine): each look sees the oldest files
     * moved past the numbers it listed. The reader must still read every file once, in order,
     * and never take the open file for deleted.
     */
    @Test
    void next_writerRotatingSeveralTimesDuringEveryLook_readsEveryFileOnceInOrder() throws Exception {
        EventFiles files = files();
        append(files.rotated(2), "0\n");
        append(files.rotated(1), "1\n");
        append(files.current(), "2\n");
        int[] written = {3};
        int[] bursts = {0};
        boolean[] armed = {false};
        FileChain.Ids ids = path -> {
            if (armed[0] && path.equals(files.rotated(1)) && bursts[0] < 50) {
                bursts[0]++;
                for (int i = 0; i < 5; i++) { // five rotations before this look reads the name
                    files.rotate(1_000);
                    append(files.current(), written[0]++ + "\n");
                }
            }
            return FileId.of(path);
        };
        try (RotatingReader reader = new RotatingReader(files, new FileChain(files, ids), true, false)) {
            List<String> read = new ArrayList<>();
            assertEquals("0", new String(reader.next(), StandardCharsets.UTF_8));
            read.add("0");
            armed[0] = true;
            for (int round = 0; round < 20 && read.size() < written[0]; round++) {
                for (byte[] line = reader.next(); line != null; line = reader.next()) {
                    read.add(new String(line, StandardCharsets.UTF_8));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < written[0]; i++) {
                expected.add(Integer.toString(i));
            }
            assertTrue(bursts[0] > 1, "the writer rotated during the reader's looks");
            int first = 0;
            while (first < Math.min(expected.size(), read.size()) && expected.get(first).equals(read.get(first))) {
                first++;
            }
            int at = first;
            assertEquals(expected, read, () -> "first difference at line " + at + ": read "
                    + read.subList(Math.max(0, at - 2), Math.min(read.size(), at + 3)));
            assertEquals(0, reader.rotatedFilesLost());
        }
    }
}
