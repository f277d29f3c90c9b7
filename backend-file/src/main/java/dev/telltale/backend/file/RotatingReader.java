package dev.telltale.backend.file;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the lines of a set of {@link EventFiles} in the order they were written: the rotated files
 * oldest first, then the current one, and (when following) whatever the current file becomes
 * after each rotation. It never blocks: {@link #next} returns null when no line is available now.
 *
 * <p><b>Rotation.</b> Files are told apart by {@link FileId}, never by name. At the end of the
 * open file the reader checks whether the current path still names it. If not, the file was
 * rotated away: it is read to its end (it is complete now) and the reader moves to the file
 * written after it, which {@link FileChain} finds by the open file's id among the rotated files; if
 * the open file was deleted meanwhile (a reader more than {@code max-files} behind, or a file
 * removed by hand) the reader continues with the current file, skipping what lay between. A
 * followed file that becomes shorter than what was read of it was truncated in place and is read
 * again from its start.
 *
 * <p><b>Partial lines.</b> When following, a last line without {@code \n} is held back until it is
 * complete or its file is rotated away; otherwise it is returned at the end of the file.
 *
 * <p>Not thread-safe.
 */
final class RotatingReader implements Closeable {

    private static final int ATTEMPTS = 3;

    private final EventFiles files;
    private final FileChain chain;
    private final boolean follow;
    private boolean onlyCurrent; // from=end: start with the current file, never with rotated ones
    private Open open; // null until the first file is opened
    private volatile boolean ended; // read by FileSource.ended() from any thread
    private String lastName = "";
    private long lastLine;

    /** One open file and how far it has been read. */
    private static final class Open {
        final LineReader reader;
        final FileId id;
        final String name;
        long lines;
        boolean retired; // rotated away: it will not grow any more

        Open(LineReader reader, FileId id, String name) {
            this.reader = reader;
            this.id = id;
            this.name = name;
        }
    }

    /**
     * Prepares to read {@code files}. With {@code fromEnd}, the current file is opened now and
     * the complete lines it holds are skipped; if it does not exist yet, it is read from its start
     * once it appears, and rotated files are never read.
     *
     * @throws IOException if the files cannot be listed or read
     */
    RotatingReader(EventFiles files, boolean follow, boolean fromEnd) throws IOException {
        this(files, new FileChain(files, FileId::of), follow, fromEnd);
    }

    /** As above, looking at the files through {@code chain}. */
    RotatingReader(EventFiles files, FileChain chain, boolean follow, boolean fromEnd) throws IOException {
        this.files = files;
        this.chain = chain;
        this.follow = follow;
        this.onlyCurrent = fromEnd;
        if (fromEnd && openFirst()) {
            while (open.reader.skipLine()) {
                open.lines++;
            }
        }
    }

    /**
     * The next line, without its {@code \n}, or null if none is available now (when following)
     * or any more (otherwise; {@link #ended()} then says so).
     *
     * @throws IOException if a file cannot be read or listed; the message names it
     */
    byte[] next() throws IOException {
        while (!ended) {
            if (open == null && !openFirst()) {
                ended = !follow;
                return null;
            }
            byte[] line = open.reader.readLine(!follow || open.retired);
            if (line != null) {
                lastName = open.name;
                lastLine = ++open.lines;
                return line;
            }
            if (open.retired) {
                if (!moveToSuccessor()) {
                    ended = !follow;
                    return null;
                }
            } else if (open.id.equals(chain.idOf(files.current()))) {
                if (!follow) {
                    ended = true;
                } else if (open.reader.length() < open.reader.readPosition()) {
                    open.reader.rewind();
                    open.lines = 0;
                    continue;
                }
                return null;
            } else {
                open.retired = true; // read what it holds now, then move on
            }
        }
        return null;
    }

    /** Whether no line will ever come: not following and past the end of the current file, or closed. */
    boolean ended() {
        return ended;
    }

    /** The name of the file the last returned line came from; empty before the first. */
    String lastName() {
        return lastName;
    }

    /** The number (from 1) of the last returned line in its file. */
    long lastLine() {
        return lastLine;
    }

    private boolean openFirst() throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChain.Link first = onlyCurrent ? chain.current() : chain.oldest();
            if (first == null) {
                break;
            }
            open = openExpecting(first);
            if (open != null) {
                onlyCurrent = false;
                return true;
            }
        }
        return false;
    }

    private boolean moveToSuccessor() throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChain.Link next = chain.successorOf(open.id);
            if (next == null) {
                return false; // the current file does not exist (yet)
            }
            Open opened = openExpecting(next);
            if (opened != null) {
                open.reader.close();
                open = opened;
                return true;
            }
        }
        return false;
    }

    /** Opens {@code candidate} if its path still names the file with its id; otherwise null. */
    private Open openExpecting(FileChain.Link candidate) throws IOException {
        Path path = candidate.path();
        RandomAccessFile file;
        try {
            file = new RandomAccessFile(path.toFile(), "r");
        } catch (FileNotFoundException e) {
            if (Files.isDirectory(path) || Files.exists(path) && !Files.isReadable(path)) {
                throw new IOException("cannot read event file " + path + ": " + e.getMessage(), e);
            }
            return null; // gone, or renamed and replaced between the look and the open: look again
        }
        if (candidate.id().equals(chain.idOf(path))) {
            return new Open(new LineReader(file), candidate.id(), path.getFileName().toString());
        }
        file.close(); // renamed between the look and the open: look again
        return null;
    }

    /** Closes the open file; {@link #next} returns null from now on. Idempotent. */
    @Override
    public void close() throws IOException {
        ended = true;
        if (open != null) {
            Open last = open;
            open = null;
            last.reader.close();
        }
    }
}
