package dev.telltale.backend.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The order of a set of {@link EventFiles} as a reader needs it: which file is the oldest, and
 * which one was written after a given one. Files are named by {@link FileId}, so the answers hold
 * while a rotation renames them; a caller must still check, when it opens a {@link Link}, that the
 * path names the same file (see {@link Link#id()}), since names move on.
 *
 * <p>Not thread-safe; it keeps no state between calls.
 */
final class FileChain {

    private static final int MAX_PROBES = 20;

    /** Looks up the id of the file a path names now, or null if none; {@link FileId#of} but in tests. */
    @FunctionalInterface
    interface Ids {
        FileId of(Path path) throws IOException;
    }

    /** One file: where it was seen and what it is. */
    record Link(Path path, FileId id) {
    }

    private final EventFiles files;
    private final Ids ids;

    FileChain(EventFiles files, Ids ids) {
        this.files = files;
        this.ids = ids;
    }

    /** The id of the file at {@code path} now, or null if there is none. */
    FileId idOf(Path path) throws IOException {
        return ids.of(path);
    }

    /** The current file, or null if it does not exist now. */
    Link current() throws IOException {
        FileId id = ids.of(files.current());
        return id == null ? null : new Link(files.current(), id);
    }

    /** The oldest file that exists, rotated or current, or null if there is none. */
    Link oldest() throws IOException {
        List<Link> links = links();
        return links.isEmpty() ? null : links.get(links.size() - 1);
    }

    /**
     * The file written after the one with {@code id}: the next newer rotated one or the current
     * one. When that file is no longer among them (deleted: rotation deletes the oldest files
     * first), the oldest file left, which is the nearest to it that can still be read. Null when
     * there is no such file now: {@code id} is the current file, or no file exists.
     */
    Link successorOf(FileId id) throws IOException {
        return successorOf(id, links());
    }

    /** {@link #successorOf(FileId)} among {@code links}, newest first, as {@link #links()} gives them. */
    static Link successorOf(FileId id, List<Link> links) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).id().equals(id)) {
                return i > 0 ? links.get(i - 1) : null;
            }
        }
        return links.isEmpty() ? null : links.get(links.size() - 1);
    }

    /**
     * Whether {@code older} came right before {@code newer}: true when {@code newer} is at its
     * path and, looked at afterwards, the first file found at the older names above it (names
     * left free by a crash are passed over, up to {@code older}'s name in the view plus two) is
     * {@code older}. Files only move to older names, one per rotation, keeping their order, so
     * no file lay between the two when {@code newer} was seen. A view from {@link #links()} can
     * miss files when the caller is held up mid-look while the writer rotates; this check cannot
     * be fooled so.
     */
    boolean adjacent(Link newer, Link older) throws IOException {
        if (!newer.id().equals(ids.of(newer.path()))) {
            return false;
        }
        Path limit = files.older(files.older(older.path()));
        for (Path name = files.older(newer.path()); name != null; name = files.older(name)) {
            FileId id = ids.of(name);
            if (id != null) {
                return id.equals(older.id());
            }
            if (name.equals(limit)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The files that exist, newest (the current one) first. A directory listing or a single pass
     * over the names is no picture of the files while a rotation renames them (it can see a file
     * twice or miss it), so this passes over the names until two passes in a row agree.
     */
    List<Link> links() throws IOException {
        List<Link> previous = probe();
        for (int attempt = 0; attempt < MAX_PROBES; attempt++) {
            List<Link> now = probe();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous; // rotating faster than it can be looked at: opening checks the ids again
    }

    private List<Link> probe() throws IOException {
        List<Link> found = new ArrayList<>();
        Link current = current();
        if (current != null) {
            found.add(current);
        }
        TreeMap<Integer, Path> listed = files.existingRotated();
        int highest = listed.isEmpty() ? 0 : listed.lastKey();
        // Past the highest number listed, go on until two names in a row are free: the writer may
        // have rotated the oldest files further up while this looked (rotation leaves at most one
        // free name below the oldest file).
        int free = 0;
        for (int n = 1; n <= highest || free < 2; n++) {
            Path path = files.rotated(n);
            FileId id = ids.of(path);
            if (id != null) {
                found.add(new Link(path, id));
                free = 0;
            } else {
                free++;
            }
        }
        return found;
    }
}
