package dev.telltale.tool;

import dev.telltale.core.internal.snapshot.SnapshotReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A crash snapshot read from its file (written by {@code dev.telltale.snapshot.Snapshots}; the
 * format is in {@code docs/SNAPSHOT.md}): the document as plain maps and lists, its frames, and
 * the throwable restored so that {@link Throwable#printStackTrace()} prints exactly what the
 * original printed, class names and messages included, without the original classes.
 *
 * <p>Immutable once read and thread-safe, but {@link #throwable()} makes a new throwable each
 * time (a throwable is mutable). Bad content fails with an {@link IllegalArgumentException}
 * naming the file and what is wrong.
 */
public final class SnapshotFile {

    private final Path path;
    private final Map<String, Object> document;
    private final List<Frame> frames;

    private SnapshotFile(Path path, Map<String, Object> document) {
        this.path = path;
        this.document = Collections.unmodifiableMap(document);
        this.frames = frames(document);
    }

    /**
     * Reads and checks the snapshot in {@code file}, plain or gzip-compressed.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no snapshot, or a truncated or malformed one;
     *     the message names the file and the problem
     */
    public static SnapshotFile read(Path file) throws IOException {
        Objects.requireNonNull(file, "file == null");
        return new SnapshotFile(file, SnapshotReader.read(file));
    }

    /** The file read. */
    public Path path() {
        return path;
    }

    /** The whole document, as {@link Json#parseObject} gives it. */
    public Map<String, Object> document() {
        return document;
    }

    /** The restored throwable, a new one each call. */
    public Throwable throwable() {
        return SnapshotReader.restore(document);
    }

    /**
     * Every frame of every throwable, numbered from 0 in document order (the top throwable's
     * frames first, then those of the throwables it suppressed and its cause, as they are listed).
     */
    public List<Frame> frames() {
        return frames;
    }

    /**
     * The frame numbered {@code number}.
     *
     * @throws IllegalArgumentException if there is no such frame
     */
    public Frame frame(int number) {
        if (number < 0 || number >= frames.size()) {
            throw new IllegalArgumentException(path + " has frames 0 to " + (frames.size() - 1) + ", not " + number);
        }
        return frames.get(number);
    }

    /** The values that belong to no frame (given to {@code save}, when its caller was not in the trace). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> values() {
        Object v = document.get("values");
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Frame> frames(Map<String, Object> doc) {
        List<Frame> out = new ArrayList<>();
        List<?> throwables = (List<?>) doc.get("throwables");
        for (int t = 0; t < throwables.size(); t++) {
            Map<?, ?> throwable = (Map<?, ?>) throwables.get(t);
            List<?> list = (List<?>) throwable.get("frames");
            for (int i = 0; i < list.size(); i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> f = (Map<String, Object>) list.get(i);
                out.add(new Frame(out.size(), t, i, f));
            }
        }
        return List.copyOf(out);
    }

    /**
     * One frame of the snapshot.
     *
     * @param number its number among all the snapshot's frames
     * @param throwable the index of its throwable in the document's {@code throwables}
     * @param index its index in that throwable's stack trace
     * @param document its member of the document: {@code class}, {@code method}, {@code line},
     *     {@code text}, {@code inApp}, and when known {@code source} and {@code values}
     */
    public record Frame(int number, int throwable, int index, Map<String, Object> document) {

        /** As the JDK prints it after {@code at }. */
        public String text() {
            return String.valueOf(document.get("text"));
        }

        /** Whether the frame is the application's own. */
        public boolean inApp() {
            return Boolean.TRUE.equals(document.get("inApp"));
        }

        /** The source lines around it ({@code path}, {@code first}, {@code lines}), or an empty map. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> source() {
            return document.get("source") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        /** What was seen of it ({@code origin}, {@code this}, {@code arguments}, {@code locals}), or an empty map. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> values() {
            return document.get("values") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
    }
}
