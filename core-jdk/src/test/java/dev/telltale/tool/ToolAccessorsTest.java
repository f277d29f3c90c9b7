package dev.telltale.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.spi.SpecStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tool API's smaller accessors give: a snapshot's path, document and loose values, a
 * frame's flags and source, the spec stores' schemes, JSON written to a stream, an empty range.
 */
class ToolAccessorsTest {

    @TempDir
    Path dir;

    private Path save(Throwable error, Map<String, Object> values) {
        try (Telltale telltale = Telltale.builder().backend("none").readEnvironment(false).shutdownHook(false)
                .set("telltale.snapshot.dir", dir.toString()).build()) {
            return telltale.snapshots().save(error, values).orElseThrow();
        }
    }

    @Test
    void snapshot_valuesOfNoFrame_areTheDocumentsOwn_andAbsentGiveAnEmptyMap() throws Exception {
        RuntimeException traceless = new IllegalStateException("no trace");
        traceless.setStackTrace(new StackTraceElement[0]);
        Path file = save(traceless, Map.of("k", "v"));
        SnapshotFile snapshot = SnapshotFile.read(file);
        assertEquals(file, snapshot.path());
        assertTrue(snapshot.frames().isEmpty(), snapshot.frames()::toString);
        assertEquals(snapshot.document().get("values"), snapshot.values());
        assertFalse(snapshot.values().isEmpty(), snapshot.document()::toString);
        assertEquals("java.lang.IllegalStateException: no trace", snapshot.throwable().toString());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> snapshot.frame(0));
        assertEquals(file + " has frames 0 to -1, not 0", none.getMessage());

        SnapshotFile plain = SnapshotFile.read(save(new IllegalStateException("plain"), Map.of()));
        assertEquals(Map.of(), plain.values());
        assertFalse(plain.document().containsKey("values"), plain.document()::toString);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> plain.frame(-1));
        assertTrue(negative.getMessage().endsWith(", not -1"), negative.getMessage());
    }

    @Test
    void frame_inAppAndSource_readTheirMembers_andDefaultToFalseAndEmpty() {
        Map<String, Object> source = Map.of("path", "A.java", "first", 1L, "lines", List.of("x"));
        SnapshotFile.Frame app = new SnapshotFile.Frame(0, 0, 0,
                Map.of("text", "a.A.m(A.java:1)", "inApp", true, "source", source, "values", Map.of("this", "a")));
        assertTrue(app.inApp());
        assertSame(source, app.source());
        assertEquals(Map.of("this", "a"), app.values());
        assertEquals("a.A.m(A.java:1)", app.text());

        SnapshotFile.Frame bare = new SnapshotFile.Frame(1, 0, 1, Map.of("text", "java.lang.Thread.run(Thread.java:1)", "inApp", false));
        assertFalse(bare.inApp());
        assertEquals(Map.of(), bare.source());
        assertEquals(Map.of(), bare.values());
        assertFalse(new SnapshotFile.Frame(2, 0, 2, Map.of()).inApp());
    }

    @Test
    void specStoreOpener_schemes_includeTheBuiltInOnes_andOpenServesThem() throws Exception {
        assertTrue(SpecStoreOpener.schemes().containsAll(List.of("file", "memory")), SpecStoreOpener.schemes()::toString);
        try (SpecStore store = SpecStoreOpener.open("memory:tool-accessors", Duration.ofSeconds(5), Map.of())) {
            store.put("a", "{}");
            assertEquals(Map.of("a", "{}"), store.specs());
            assertEquals("memory:tool-accessors", store.address());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecStoreOpener.open("nope:x", Duration.ofSeconds(5), Map.of()));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void writeCompact_writesTheBytesOfCompact() throws Exception {
        Map<String, Object> doc = Map.of("a", List.of(1L, "é", true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.writeCompact(doc, out);
        assertArrayEquals(Json.compact(doc).getBytes(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Test
    void parseEvent_emptyRangeInsideTheArray_isReadAsNoJson_notAsOutside() {
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        String message = assertThrows(IllegalArgumentException.class, () -> Json.parseEvent(bytes, 1, 0)).getMessage();
        assertFalse(message.contains("outside"), message);
        assertTrue(message.contains("column") || message.contains("end"), message);
    }
}
