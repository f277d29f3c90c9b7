package dev.telltale.core.internal.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are plain JSON or gzip; bad and truncated files get errors naming the file and the problem. */
class SnapshotFileFormatTest {

    @TempDir
    Path dir;

    private static IllegalStateException failure() {
        return new IllegalStateException("boom", new RuntimeException("root"));
    }

    @Test
    void savedFile_isPlainJsonWithTheDocumentedTopLevel() throws Exception {
        Path file = Snapshotting.save(failure(), SnapshotSettings.defaults(dir).withAppPackages(List.of("dev.telltale.core.internal.snapshot.")));
        assertTrue(file.getFileName().toString().matches("snapshot-\\d{8}T\\d{6}\\.\\d{3}Z-42-\\d+-IllegalStateException\\.json"),
                file.toString());
        Map<String, Object> doc = JsonReader.parseObject(Files.readString(file));
        assertEquals("telltale-snapshot", doc.get("format"));
        assertEquals(1L, doc.get("version"));
        for (String key : List.of("time", "host", "pid", "uncaught", "thread", "jvm", "properties", "limits", "locals",
                "truncated", "exception", "throwables")) {
            assertTrue(doc.containsKey(key), key + " in " + doc.keySet());
        }
        List<?> throwables = (List<?>) doc.get("throwables");
        assertEquals(2, throwables.size());
        Map<?, ?> top = (Map<?, ?>) throwables.get(0);
        assertEquals("java.lang.IllegalStateException", top.get("class"));
        assertEquals(1L, top.get("cause"));
        Map<?, ?> frame = (Map<?, ?>) ((List<?>) top.get("frames")).get(0);
        assertEquals(SnapshotFileFormatTest.class.getName(), frame.get("class"));
        assertEquals("failure", frame.get("method"));
        assertEquals(true, frame.get("inApp"));
        assertEquals("SnapshotFileFormatTest.java", frame.get("file"));
    }

    @Test
    void appPackages_set_markOnlyThoseFramesInApp() throws Exception {
        Map<String, Object> doc = Snapshotting.document(failure(),
                SnapshotSettings.defaults(dir).withAppPackages(List.of("com.elsewhere.")));
        Map<?, ?> frame = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) doc.get("throwables")).get(0)).get("frames")).get(0);
        assertEquals(false, frame.get("inApp"));
    }

    @Test
    void gzip_saved_isGzipAndReadsBack() throws Exception {
        Path file = Snapshotting.save(failure(), SnapshotSettings.defaults(dir).withGzip(true));
        assertTrue(file.toString().endsWith(".json.gz"), file.toString());
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0x1f, bytes[0] & 0xff);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertEquals("telltale-snapshot", JsonReader.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get("format"));
        }
        assertEquals("boom", ((Map<?, ?>) ((List<?>) SnapshotReader.read(file).get("throwables")).get(0)).get("message"));
    }

    @Test
    void truncatedJson_read_failsNamingTheFileAndTruncation() throws Exception {
        Path file = Snapshotting.save(failure(), SnapshotSettings.defaults(dir));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedGzip_read_failsNamingTheFileAndTruncation() throws Exception {
        Path file = Snapshotting.save(failure(), SnapshotSettings.defaults(dir).withGzip(true));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(file));
        assertEquals(file + ": truncated gzip data (the file ends too early)", e.getMessage());
    }

    @Test
    void otherJson_read_failsSayingItIsNoSnapshot() throws Exception {
        Path file = Files.writeString(dir.resolve("x.json"), "{\"kind\":\"event\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(file));
        assertEquals(file + ": not a Telltale snapshot (no \"format\":\"telltale-snapshot\")", e.getMessage());
    }

    @Test
    void emptyFile_read_failsSayingSo() throws Exception {
        Path file = Files.writeString(dir.resolve("e.json"), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(file));
        assertEquals(file + ": empty file, not a snapshot", e.getMessage());
    }

    @Test
    void badMember_read_failsNamingItsPath() throws Exception {
        Path file = Files.writeString(dir.resolve("b.json"), """
                {"format":"telltale-snapshot","version":1,"throwables":[
                  {"class":"X","text":"X","frames":[{"class":"A","method":"m","line":"seven"}]}]}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(file));
        assertEquals(file + ": throwables[0].frames[0].line: expected an integer, found seven", e.getMessage());
        Files.writeString(file, """
                {"format":"telltale-snapshot","version":1,"throwables":[{"class":"X","text":"X","frames":[],"cause":3}]}""");
        e = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(file));
        assertEquals(file + ": throwables[0].cause: expected an index into throwables (0 to 0), found 3", e.getMessage());
    }

    @Test
    void valuesOverBudget_saved_exceptionKeptWhole() throws Exception {
        SnapshotSettings tight = SnapshotSettings.defaults(dir).withMaxBytes(1024);
        RuntimeException error = failure();
        Map<String, Object> doc = new SnapshotCapture(tight, "h", 1).capture(error, Thread.currentThread(), false,
                Map.of(0, SnapshotCapture.FrameValues.given(Map.of("blob", "z".repeat(900),
                        "more", "y".repeat(900)))), null, LiveLocals.NOT_READ);
        assertEquals(true, doc.get("truncated"));
        String printed = Snapshotting.printed(error);
        Path file = SnapshotFiles.write(doc, dir, false, 1, "x.Y");
        assertEquals(printed, Snapshotting.printed(SnapshotReader.restore(SnapshotReader.read(file))));
    }
}
