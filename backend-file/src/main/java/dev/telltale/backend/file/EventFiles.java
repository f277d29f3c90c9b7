package dev.telltale.backend.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one set of event files: the current file and its rotated predecessors. For {@code
 * events.jsonl} the rotated files are {@code events.1.jsonl} (the newest) to {@code events.N.jsonl}
 * (the oldest); a name without an extension, or whose only dot leads it, gets the number at its
 * end ({@code events.1}).
 *
 * <p>Immutable and thread-safe; the file system operations are not atomic as a whole, see {@link
 * #rotate}.
 */
final class EventFiles {

    private final Path current;
    private final Path directory;
    private final String base;
    private final String extension;
    private final Pattern rotatedName;

    /** The set whose current file is {@code current}, which must have a file name. */
    EventFiles(Path current) {
        this.current = current.toAbsolutePath();
        this.directory = this.current.getParent();
        String name = this.current.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.base = dot > 0 ? name.substring(0, dot) : name;
        this.extension = dot > 0 ? name.substring(dot) : "";
        this.rotatedName = Pattern.compile(Pattern.quote(base) + "\\.([1-9][0-9]{0,8})" + Pattern.quote(extension));
    }

    /** The current file. */
    Path current() {
        return current;
    }

    /** The rotated file number {@code n}, 1 being the newest. */
    Path rotated(int n) {
        return directory.resolve(base + "." + n + extension);
    }

    /**
     * The name one rotation older than {@code path}: number 1 for the current file, {@code n + 1}
     * for number {@code n}; null for a path that is none of this set's names.
     */
    Path older(Path path) {
        if (path.equals(current)) {
            return rotated(1);
        }
        if (!directory.equals(path.getParent())) {
            return null;
        }
        Matcher matcher = rotatedName.matcher(path.getFileName().toString());
        return matcher.matches() ? rotated(Integer.parseInt(matcher.group(1)) + 1) : null;
    }

    /**
     * The rotated files that exist now, by number, so newest first.
     *
     * @throws IOException if the directory exists but cannot be listed
     */
    TreeMap<Integer, Path> existingRotated() throws IOException {
        TreeMap<Integer, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Matcher matcher = rotatedName.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    found.put(Integer.parseInt(matcher.group(1)), entry);
                }
            }
        } catch (NoSuchFileException e) {
            // no directory yet: no files
        }
        return found;
    }

    /**
     * Shifts every rotated file one number up, deletes those that would be number {@code
     * maxFiles} or above, and renames the current file to number 1 (or deletes it when {@code
     * maxFiles} is 1). Afterwards the current file does not exist. The caller must have closed it.
     *
     * <p>Files are renamed oldest first, each rename atomic, so a reader that identifies files by
     * {@link FileId} sees every file under one name or the next; a crash part way leaves at most a
     * gap in the numbers, which readers and the next rotation tolerate.
     *
     * @throws IOException if a file cannot be renamed or deleted; the message names it
     */
    void rotate(int maxFiles) throws IOException {
        for (Map.Entry<Integer, Path> entry : existingRotated().descendingMap().entrySet()) {
            int n = entry.getKey();
            if (n + 1 >= maxFiles) {
                Files.deleteIfExists(entry.getValue());
            } else {
                moveIfExists(entry.getValue(), rotated(n + 1));
            }
        }
        if (maxFiles > 1) {
            moveIfExists(current, rotated(1));
        } else {
            Files.deleteIfExists(current);
        }
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            if (Files.exists(from)) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
