package dev.telltale.backend.file;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of a set of {@link EventFiles} in the order they were written: the rotated files
 * oldest first, then the current one, and (when following) whatever the current file becomes
 * after each rotation. It never blocks: {@link #next} returns null when no line is available now.
 *
 * <p><b>Rotation.</b> Files are told apart by {@link FileId}, never by name. At the end of the
 * open file the reader checks whether the current path still names it. If not, the file was
 * rotated away: it is read to its end (it is complete now) and the reader moves to the file
 * written after it, which {@link FileChain} finds by the open file's id among the rotated files.
 *
 * <p><b>Falling behind.</b> If the open file was deleted meanwhile (a reader more than {@code
 * max-files} rotations behind, or a file removed by hand), the reader continues with the oldest
 * file still there. Files written after the open one and deleted before the reader got to them
 * are lost: the reader remembers the files it has seen written after the open one (looking again
 * when it opens a file, when the open one is rotated away, and at most every second while lines
 * flow), so it can count those that vanished, logs a warning with the count, and adds it to
 * {@link #rotatedFilesLost()}. When the open file was deleted and its successor is the oldest left,
 * nothing was lost and nothing is said. A followed file that becomes shorter than what was read
 * of it was truncated in place and is read again from its start.
 *
 * <p><b>Partial lines.</b> When following, a last line without {@code \n} is held back until it is
 * complete or its file is rotated away; otherwise it is returned at the end of the file.
 *
 * <p>Not thread-safe.
 */
final class RotatingReader implements Closeable {

    private static final System.Logger LOG = System.getLogger(RotatingReader.class.getPackageName());
    private static final int ATTEMPTS = 3;
    private static final int LINES_BETWEEN_CLOCK_READS = 1024;
    private static final long LOOK_EVERY_NANOS = 1_000_000_000L;

    private final EventFiles files;
    private final FileChain chain;
    private final boolean follow;
    private boolean onlyCurrent; // from=end: start with the current file, never with rotated ones
    private Open open; // null until the first file is opened
    private volatile boolean ended; // read by FileSource.ended() from any thread
    private String lastName = "";
    private long lastLine;
    /** The ids of the files seen written after the open one, oldest first, at the last look. */
    private List<FileId> newer = List.of();
    private long lastLook;
    private int linesSinceClock;
    private volatile long rotatedFilesLost;

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
                if (++linesSinceClock >= LINES_BETWEEN_CLOCK_READS) {
                    linesSinceClock = 0;
                    if (System.nanoTime() - lastLook >= LOOK_EVERY_NANOS) {
                        look();
                    }
                }
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
                look();
            }
        }
        return null;
    }

    /** Whether no line will ever come: not following and past the end of the current file, or closed. */
    boolean ended() {
        return ended;
    }

    /**
     * How many files were deleted by rotation before this reader read them (a lower bound when
     * it fell so far behind that it never saw some of them). Any thread.
     */
    long rotatedFilesLost() {
        return rotatedFilesLost;
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
                look();
                return true;
            }
        }
        return false;
    }

    private boolean moveToSuccessor() throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<FileChain.Link> links = chain.links();
            int at = indexOf(links, open.id);
            boolean gone = at < 0;
            FileChain.Link next = FileChain.successorOf(open.id, links);
            if (next == null) {
                return false; // the current file does not exist (yet)
            }
            // A view taken while this thread was held up and the writer rotated several times can
            // miss files: move on only to a file proven to come next, or, when the open file is
            // gone, once every look agrees that it is (deletion is final; a missed file is not).
            if (gone ? attempt < ATTEMPTS - 1 : !chain.adjacent(next, links.get(at))) {
                continue;
            }
            Open opened = openExpecting(next);
            if (opened != null) {
                if (gone) {
                    countLoss(open.name, next);
                }
                open.reader.close();
                open = opened;
                remember(links);
                return true;
            }
        }
        return false;
    }

    /**
     * The open file was deleted before the reader moved on from it, and {@code next}, the oldest
     * file left, comes next: counts the files written between the two that the reader saw and
     * that are gone now.
     */
    private void countLoss(String deleted, FileChain.Link next) {
        int known = newer.indexOf(next.id());
        if (known == 0) {
            return; // its successor is still there: nothing lost
        }
        long lost = known > 0 ? known : newer.size();
        rotatedFilesLost += lost;
        String count = known > 0 ? lost + (lost == 1 ? " file" : " files")
                : lost > 0 ? "at least " + lost + (lost == 1 ? " file" : " files") : "an unknown number of files";
        LOG.log(System.Logger.Level.WARNING, "Telltale file follower fell more than max-files rotations behind the writer:"
                + " {0} of events rotated out and deleted after {1} before they could be read ({2} so far); continuing"
                + " with the oldest file left, {3}", count, deleted, rotatedFilesLost, next.path().getFileName());
    }

    /** Looks at the files again, to know which were written after the open one. */
    private void look() throws IOException {
        remember(chain.links());
    }

    private void remember(List<FileChain.Link> links) {
        lastLook = System.nanoTime();
        int at = indexOf(links, open.id);
        if (at < 0) {
            return; // deleted already: what was seen before is all that is known
        }
        List<FileId> ids = new ArrayList<>(at);
        for (int i = at - 1; i >= 0; i--) {
            ids.add(links.get(i).id());
        }
        newer = ids;
    }

    private static int indexOf(List<FileChain.Link> links, FileId id) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
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
