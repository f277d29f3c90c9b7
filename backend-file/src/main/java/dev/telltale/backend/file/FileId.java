package dev.telltale.backend.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What identifies a file across renames: its {@link BasicFileAttributes#fileKey() file key}
 * (device and inode on Unix), or its creation time where the platform has no file key. Two paths
 * with equal ids name the same file; a path whose id changed names a different file.
 *
 * <p>While a file is held open its id cannot be reused, so compare ids only against files that are
 * open.
 *
 * @param key the file key or creation time
 */
record FileId(Object key) {

    /**
     * The id of the file {@code path} names now, following symbolic links.
     *
     * @return the id, or null if no file exists at {@code path}
     * @throws IOException if the attributes cannot be read for another reason
     */
    static FileId of(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
        Object key = attributes.fileKey();
        return new FileId(key != null ? key : attributes.creationTime());
    }
}
