package dev.telltale.core.internal.snapshot;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Captures, saves and reads back snapshots for the tests of this package. */
final class Snapshotting {

    private Snapshotting() {}

    /** The document of {@code error} with {@code settings}, no values. */
    static Map<String, Object> document(Throwable error, SnapshotSettings settings) {
        return new SnapshotCapture(settings, "test-host", 42).capture(error, Thread.currentThread(), false, Map.of(),
                null, LiveLocals.NOT_READ);
    }

    /** Saves {@code error} into {@code settings.dir()}; returns the file. */
    static Path save(Throwable error, SnapshotSettings settings) throws IOException {
        return SnapshotFiles.write(document(error, settings), settings.dir(), settings.gzip(), 42,
                error.getClass().getName());
    }

    /** Saves {@code error} and restores it from the file. */
    static Throwable roundTrip(Throwable error, SnapshotSettings settings) throws IOException {
        return SnapshotReader.restore(SnapshotReader.read(save(error, settings)));
    }

    /** What {@code t.printStackTrace()} prints. */
    static String printed(Throwable t) {
        StringWriter w = new StringWriter();
        try (PrintWriter p = new PrintWriter(w)) {
            t.printStackTrace(p);
        }
        return w.toString();
    }
}
