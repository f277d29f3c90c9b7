package dev.telltale.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot file read back through the exported tool API: frames numbered across throwables, values, the throwable. */
class SnapshotFileTest {

    @TempDir
    Path dir;

    @Test
    void savedWithACause_read_numbersFramesAcrossThrowables_andRestoresAFreshThrowableEachTime() throws Exception {
        RuntimeException error = new IllegalStateException("outer", new IllegalArgumentException("inner"));
        Path file;
        try (Telltale telltale = Telltale.builder().backend("none").readEnvironment(false).shutdownHook(false)
                .set("telltale.snapshot.dir", dir.toString()).build()) {
            file = telltale.snapshots().save(error, Map.of("k", "v")).orElseThrow();
        }
        SnapshotFile snapshot = SnapshotFile.read(file);
        int outer = error.getStackTrace().length;
        int inner = error.getCause().getStackTrace().length;
        List<SnapshotFile.Frame> frames = snapshot.frames();
        assertEquals(outer + inner, frames.size());
        assertEquals(new SnapshotFile.Frame(outer, 1, 0, frames.get(outer).document()), frames.get(outer));
        assertEquals(error.getCause().getStackTrace()[0].toString(), snapshot.frame(outer).text());
        assertEquals(Map.of("k", "v"), snapshot.frame(0).values().get("given"));
        assertEquals("java.lang.IllegalStateException: outer", snapshot.throwable().toString());
        assertNotSame(snapshot.throwable(), snapshot.throwable());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> snapshot.frame(frames.size()));
        assertTrue(e.getMessage().contains("has frames 0 to " + (frames.size() - 1)), e.getMessage());
    }
}
