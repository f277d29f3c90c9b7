package dev.telltale.backend.file;

import dev.telltale.spi.BackendConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The checked configuration of a {@link FileSink}.
 *
 * @param path the current file, absolute
 * @param maxSize rotate before a write would make the current file larger than this, in bytes
 * @param maxFiles how many files to keep, the current one included
 * @param fsync whether to force the file to disk after each batch
 */
record FileSettings(Path path, long maxSize, int maxFiles, boolean fsync) {

    /**
     * Makes the path absolute. {@code maxSize} and {@code maxFiles} are within the ranges their
     * keys declare (at least 4KiB, at least 1): the configuration checked them.
     */
    FileSettings {
        Objects.requireNonNull(path, "path == null");
        path = path.toAbsolutePath();
    }

    /**
     * Reads the sink's keys from {@code config}.
     *
     * @throws IllegalArgumentException if the path is empty or not a path
     */
    static FileSettings from(BackendConfig config) {
        return new FileSettings(path(config), config.size(FileBackend.MAX_SIZE.name()),
                config.integer(FileBackend.MAX_FILES.name()), config.bool(FileBackend.FSYNC.name()));
    }

    /**
     * The configured {@code telltale.file.path}, absolute.
     *
     * @throws IllegalArgumentException if it is empty or not a valid path; the message names the key
     */
    static Path path(BackendConfig config) {
        String value = config.string(FileBackend.PATH.name());
        if (value.isBlank()) {
            throw new IllegalArgumentException(FileBackend.PATH.name() + " must not be empty");
        }
        try {
            Path path = Path.of(value);
            if (path.getFileName() == null) {
                throw new IllegalArgumentException(FileBackend.PATH.name() + " must name a file, was '" + value + "'");
            }
            return path.toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(FileBackend.PATH.name() + " is not a valid path: '" + value + "' ("
                    + e.getReason() + ")", e);
        }
    }
}
