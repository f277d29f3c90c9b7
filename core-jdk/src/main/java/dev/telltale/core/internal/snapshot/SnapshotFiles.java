package dev.telltale.core.internal.snapshot;

import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.core.internal.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Writes snapshot documents to files named {@code snapshot-<UTC time>-<pid>-<n>-<exception
 * class>.json} (or {@code .json.gz}): first to a temporary file in the same directory, then
 * moved into place, so that a reader never sees half a snapshot under the final name.
 * Thread-safe.
 */
public final class SnapshotFiles {

    /**
     * The JSON writer's own limits stay out of the way: the capture already bounded the values,
     * and the exception graph is kept whole.
     */
    static final JsonLimits LIMITS = new JsonLimits(JsonLimits.MAX_DEPTH, 1 << 30, 1 << 30, 1 << 30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");
    private static final AtomicLong COUNTER = new AtomicLong();

    private SnapshotFiles() {}

    /** The document as JSON bytes. */
    public static byte[] encode(Map<String, Object> document) {
        return new JsonWriter(LIMITS).value(document).toByteArray();
    }

    /**
     * Writes {@code document} into {@code dir} (made if missing); returns the file.
     *
     * @throws IOException if the directory or file cannot be written
     */
    public static Path write(Map<String, Object> document, Path dir, boolean gzip, long pid, String exceptionClass)
            throws IOException {
        byte[] json = encode(document);
        Files.createDirectories(dir);
        String simple = exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9_$-]", "_");
        String name = "snapshot-" + TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + pid + "-"
                + COUNTER.incrementAndGet() + "-" + simple + (gzip ? ".json.gz" : ".json");
        Path target = dir.resolve(name);
        Path temp = Files.createTempFile(dir, ".snapshot-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                if (gzip) {
                    try (GZIPOutputStream z = new GZIPOutputStream(out, 8192)) {
                        z.write(json);
                    }
                } else {
                    out.write(json);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
