package dev.telltale.core.internal.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source lines come from source roots and -sources.jar files; a missing source leaves the frame without. */
class SourceLinesTest {

    @TempDir
    Path dir;

    private static String numbered(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append("line ").append(i).append('\n');
        }
        return b.toString();
    }

    @Test
    void fileInSourceRoot_around_givesTheLinesAroundTheFramesLine() throws Exception {
        Path file = dir.resolve("src/com/acme/Shop.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, numbered(20));
        SourceLines source = new SourceLines(List.of(dir.resolve("src")), "", 3, 1024);
        Map<String, Object> out = source.around("com.acme.Shop$Cart", "Shop.java", 10);
        assertEquals("com/acme/Shop.java", out.get("path"));
        assertEquals(7L, out.get("first"));
        assertEquals(List.of("line 7", "line 8", "line 9", "line 10", "line 11", "line 12", "line 13"), out.get("lines"));
        assertEquals(List.of("line 17", "line 18", "line 19", "line 20"), source.around("com.acme.Shop", "Shop.java", 20).get("lines"));
        assertNull(source.around("com.acme.Shop", "Shop.java", 21), "a line past the end: the file is another version");
    }

    @Test
    void sourcesJarBesideAClassPathJar_around_findsTheFile() throws Exception {
        Path jar = Files.write(dir.resolve("shop-1.0.jar"), new byte[0]);
        try (OutputStream out = Files.newOutputStream(dir.resolve("shop-1.0-sources.jar"));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("com/acme/Shop.java"));
            zip.write(numbered(5).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        SourceLines source = new SourceLines(List.of(), "elsewhere" + File.pathSeparator + jar, 1, 1024);
        Map<String, Object> out = source.around("com.acme.Shop", "Shop.java", 1);
        assertEquals(1L, out.get("first"));
        assertEquals(List.of("line 1", "line 2"), out.get("lines"));
    }

    @Test
    void noSource_around_isNull() {
        SourceLines source = new SourceLines(List.of(dir), "", 3, 1024);
        assertNull(source.around("com.acme.Missing", "Missing.java", 3));
        assertNull(source.around("com.acme.Missing", null, 3));
    }

    private static IllegalStateException thrownHere() {
        return new IllegalStateException("boom at a known line");
    }

    @Test
    void sourceOnWithTheTestSources_snapshot_inAppFramesCarryTheirLine() {
        SnapshotSettings settings = SnapshotSettings.defaults(dir).withSource(true, List.of(Path.of("src", "test", "java")))
                .withAppPackages(List.of(SourceLinesTest.class.getName()));
        Map<?, ?> frame = topFrame(Snapshotting.document(thrownHere(), settings));
        Map<?, ?> source = (Map<?, ?>) frame.get("source");
        int line = ((Long) frame.get("line")).intValue();
        List<?> lines = (List<?>) source.get("lines");
        assertEquals("return new IllegalStateException(\"boom at a known line\");",
                ((String) lines.get(line - ((Long) source.get("first")).intValue())).strip());
    }

    @Test
    void sourceOff_snapshot_framesHaveNoSource() {
        SnapshotSettings settings = SnapshotSettings.defaults(dir).withSource(false, List.of(Path.of("src", "test", "java")))
                .withAppPackages(List.of(SourceLinesTest.class.getName()));
        Map<?, ?> frame = topFrame(Snapshotting.document(thrownHere(), settings));
        assertEquals(true, frame.get("inApp"));
        assertFalse(frame.containsKey("source"));
    }

    @Test
    void frameNotInApp_snapshot_hasNoSourceEvenWhenFound() {
        SnapshotSettings settings = SnapshotSettings.defaults(dir).withSource(true, List.of(Path.of("src", "test", "java")))
                .withAppPackages(List.of("com.acme."));
        assertFalse(topFrame(Snapshotting.document(thrownHere(), settings)).containsKey("source"));
    }

    private static Map<?, ?> topFrame(Map<String, Object> doc) {
        List<?> throwables = (List<?>) doc.get("throwables");
        return (Map<?, ?>) ((List<?>) ((Map<?, ?>) throwables.get(0)).get("frames")).get(0);
    }
}
