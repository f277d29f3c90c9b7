package dev.telltale.backend.file;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Appends each envelope's payload and a {@code \n} to the current event file, rotating it by size
 * (see {@link FileBackend} for the names and the oversized-line rule).
 *
 * <p><b>Writing.</b> A batch is assembled in a {@link LineBuffer} and written with as few {@link
 * FileChannel#write} calls as its size needs (one per {@value LineBuffer#CAPACITY} bytes); nothing
 * is allocated per envelope. When {@code publish} returns, the batch is in the operating system's
 * hands, and on disk too when {@code fsync} is on. Every envelope is written: the outcome is always
 * {@link Outcome#ALL_PUBLISHED}.
 *
 * <p><b>Failures.</b> When a write fails (full disk, I/O error) the file is truncated back to
 * where this batch started in it, so no partial line stays behind, and {@code publish} throws an
 * {@link IOException} naming the file; the pipeline retries the batch. Lines of the batch that went
 * into a file rotated away during the batch stay there and are written again by the retry. If even
 * the truncation fails, the sink closes the file and truncates it when it reopens it on the next
 * call. A file deleted or replaced under the sink is noticed within about a second and reopened.
 *
 * <p><b>Torn lines.</b> A file opened (at start or again) whose last byte is not {@code \n} holds
 * a line a writer left unfinished, a crash for instance: the sink writes a {@code \n} before
 * anything else, so that line stays one malformed line and the new events are readable, and
 * logs that once at WARNING with the partial line's length. It never truncates it.
 *
 * <p><b>Threading.</b> Not thread-safe: the pipeline's single publisher thread calls it. Interrupting
 * that thread during a write makes the JDK close the channel; the next call reopens it.
 */
final class FileSink implements Sink {

    private static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final System.Logger LOG = System.getLogger(FileSink.class.getPackageName());

    /** Opens the channel the sink writes to; tests substitute one that fails. */
    @FunctionalInterface
    interface Opener {
        /** Opens {@code path} for appending, creating it if missing. */
        FileChannel open(Path path) throws IOException;
    }

    private static final Opener APPEND = path -> FileChannel.open(path,
            StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private final FileSettings settings;
    private final EventFiles files;
    private final Opener opener;
    private final long checkIntervalNanos;
    private final LineBuffer lines = new LineBuffer();

    private FileChannel channel; // null when it must be (re)opened
    private FileId id;
    private boolean regular; // the path leads to a regular file: track its size, truncate on failure
    private boolean rotating; // the path itself is a regular file: rename it when full
    private long size; // bytes in the open file, as far as this sink knows
    private long repairTo = -1; // truncate the file back to this when reopening it, after a failed rollback
    private FileId repairId;
    private long nextCheck;
    private boolean warnedNotRegular;
    private boolean closed;

    /**
     * Opens the current file, creating it and its parent directories.
     *
     * @throws IOException if they cannot be created or opened; the message names the path
     */
    FileSink(FileSettings settings) throws IOException {
        this(settings, APPEND, CHECK_INTERVAL_NANOS);
    }

    FileSink(FileSettings settings, Opener opener, long checkIntervalNanos) throws IOException {
        this.settings = settings;
        this.files = new EventFiles(settings.path());
        this.opener = opener;
        this.checkIntervalNanos = checkIntervalNanos;
        open();
    }

    /**
     * Writes {@code batch}, one line per envelope, rotating when the current file would grow past
     * {@code max-size}; blocks until written (and forced, with {@code fsync}).
     *
     * @return {@link Outcome#ALL_PUBLISHED}
     * @throws IOException if the batch could not be written; nothing of it is left in the current
     *     file (best effort), and the message names the file and the cause
     * @throws IllegalStateException if the sink is closed
     */
    @Override
    public Outcome publish(List<Envelope> batch) throws IOException {
        if (closed) {
            throw new IllegalStateException("sink for " + files + " is closed");
        }
        ensureOpen();
        long start = size;
        try {
            for (Envelope envelope : batch) {
                byte[] payload = envelope.payload();
                long pending = size + lines.pending();
                if (rotating && pending > 0 && pending + payload.length + 1 > settings.maxSize()) {
                    size += lines.flush(channel);
                    rotate();
                    start = 0;
                }
                size += lines.append(payload, channel);
            }
            if (lines.pending() > 0) {
                size += lines.flush(channel);
                if (settings.fsync()) {
                    channel.force(false);
                }
            }
        } catch (IOException e) {
            lines.discard();
            rollBack(start, e);
            throw new IOException("cannot write events to " + files + ": " + e, e);
        }
        return Outcome.ALL_PUBLISHED;
    }

    private void rotate() throws IOException {
        if (settings.fsync()) {
            channel.force(false);
        }
        FileChannel full = channel;
        channel = null;
        full.close();
        files.rotate(settings.maxFiles());
        open();
    }

    private void rollBack(long start, IOException failure) {
        if (channel == null || !regular) {
            return; // rotation failed after a complete write, or nothing to truncate (a device, a pipe)
        }
        try {
            channel.truncate(start);
            size = start;
        } catch (IOException e) {
            failure.addSuppressed(e);
            repairTo = start;
            repairId = id;
            closeChannel(failure);
        }
    }

    private void ensureOpen() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = null;
            open();
        } else if (rotating && System.nanoTime() - nextCheck >= 0) {
            nextCheck = System.nanoTime() + checkIntervalNanos;
            if (id != null && id.equals(FileId.of(files.current()))) {
                size = channel.size(); // truncated by someone else: rotate by what is really there
            } else {
                closeChannel(null); // deleted or replaced: write where readers look
                open();
            }
        }
    }

    private void open() throws IOException {
        Path path = files.current();
        Path parent = path.getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new IOException("cannot create the directory of event file " + path + ": " + e, e);
        }
        FileChannel opened;
        try {
            opened = opener.open(path);
        } catch (IOException e) {
            throw new IOException("cannot open event file " + path + ": " + e, e);
        }
        try {
            FileId openedId = FileId.of(path);
            regular = Files.isRegularFile(path);
            rotating = regular && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
            if (repairTo >= 0 && regular && openedId != null && openedId.equals(repairId)
                    && opened.size() > repairTo) {
                opened.truncate(repairTo);
            }
            repairTo = -1;
            size = regular ? opened.size() : 0;
            if (regular && size > 0) {
                size += endTornLine(path, opened, size);
            }
            id = openedId;
        } catch (IOException e) {
            try {
                opened.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("cannot open event file " + path + ": " + e, e);
        }
        channel = opened;
        nextCheck = System.nanoTime() + checkIntervalNanos;
        if (!rotating && !warnedNotRegular) {
            warnedNotRegular = true;
            LOG.log(System.Logger.Level.INFO, "Telltale event file {0} is not a regular file; it will not be rotated", path);
        }
    }

    /**
     * Ends a partial last line (one a writer left when it stopped mid-line) with a {@code \n}, so
     * the next line starts fresh and the torn bytes stay, as evidence, one malformed line of their
     * own. Says so once at WARNING. A file that cannot be read is left as it is.
     *
     * @return the bytes written: 1 if the file ended in a partial line, else 0
     */
    private static int endTornLine(Path path, FileChannel opened, long size) throws IOException {
        long partial;
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
            partial = PartialLine.length(reader, Math.min(size, reader.size()));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read the end of Telltale event file " + path + ": " + e);
            return 0;
        }
        if (partial == 0) {
            return 0;
        }
        ByteBuffer newline = ByteBuffer.wrap(new byte[] {'\n'});
        while (newline.hasRemaining()) {
            opened.write(newline);
        }
        LOG.log(System.Logger.Level.WARNING, "Telltale event file " + path + " ended in a partial line of " + partial
                + " bytes (a writer stopped mid-line); it is kept as one malformed line and new events start on the"
                + " next line");
        return 1;
    }

    private void closeChannel(IOException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
        channel = null;
    }

    /** Forces the file to disk when {@code fsync} is on, and closes it. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            try (FileChannel last = channel) {
                channel = null;
                if (settings.fsync() && last.isOpen()) {
                    last.force(false);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "FileSink{" + files + ", " + size + " bytes}";
    }
}
