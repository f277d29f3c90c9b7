package dev.telltale.backend.file;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.JsonMember;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The monitor's view of the event files: one {@link Envelope} per line, in the order written, for
 * the lines whose routing key the subscription wants. The envelope's payload is the line without
 * its {@code \n} and its headers are empty. Blank lines are skipped.
 *
 * <p><b>Malformed lines.</b> A line that is not a JSON object with a top-level string {@code
 * routingKey} (see {@link JsonMember}) is returned with the routing key {@code ""}, whatever
 * the subscription's patterns, as the {@link Source} contract asks, so that the monitor can report
 * it with its {@link #position()}.
 *
 * <p><b>Following.</b> With {@code follow=true}, {@link #poll} checks for growth and rotation
 * every {@value #CHECK_MILLIS} ms until its timeout; see {@link RotatingReader}. Without it, the
 * source {@linkplain #ended() ends} at the end of the current file.
 *
 * <p><b>Threading.</b> One thread at a time may call {@link #poll} and {@link #position()}; {@link
 * #close()} may be called from any thread and makes a waiting {@code
 * poll} return null at once (a {@code poll} busy reading returns after the line at hand). Reads are
 * not interruptible; the waits between them are.
 */
final class FileSource implements Source {

    /** How often a followed file is checked for growth and rotation. */
    static final long CHECK_MILLIS = 150;

    private static final int LINES_BETWEEN_CLOCK_READS = 256;

    private final RotatingReader reader;
    private final Subscription subscription;
    private final String path;
    private final long checkNanos;
    private final Object lock = new Object();
    private volatile boolean closed;
    private String positionName = "";
    private long positionLine;

    private FileSource(RotatingReader reader, Subscription subscription, String path, long checkNanos) {
        this.reader = reader;
        this.subscription = subscription;
        this.path = path;
        this.checkNanos = checkNanos;
    }

    /**
     * Opens the files whose current one is {@code path}.
     *
     * @throws NoSuchFileException if not following and none of the files exists
     * @throws IOException if the files cannot be listed or read; the message names the path
     */
    static FileSource open(Path path, Subscription subscription, ReadOptions options) throws IOException {
        return open(path, subscription, options, Duration.ofMillis(CHECK_MILLIS));
    }

    /** {@link #open(Path, Subscription, ReadOptions)}, checking a followed file every {@code check}. */
    static FileSource open(Path path, Subscription subscription, ReadOptions options, Duration check)
            throws IOException {
        EventFiles files = new EventFiles(path);
        if (!options.follow() && FileId.of(files.current()) == null && files.existingRotated().isEmpty()) {
            throw new NoSuchFileException(files.current().toString(), null,
                    "no event file there nor rotated ones beside it (" + FileBackend.PATH.name() + ")");
        }
        RotatingReader reader = new RotatingReader(files, options.follow(), options.fromEnd());
        return new FileSource(reader, subscription, files.current().toString(), check.toNanos());
    }

    /**
     * The next wanted line as an envelope, waiting up to {@code timeout} for one when following.
     *
     * @return the envelope, or null on timeout, at the end (not following) or once closed
     * @throws IOException if a file cannot be read; the message names it
     * @throws InterruptedException if interrupted while waiting for the file to grow
     */
    @Override
    public Envelope poll(Duration timeout) throws IOException, InterruptedException {
        long budget = nanos(timeout);
        long started = System.nanoTime();
        int lines = 0;
        synchronized (lock) {
            while (!closed) {
                byte[] line;
                try {
                    line = reader.next();
                } catch (IOException e) {
                    if (closed) {
                        return null;
                    }
                    throw e;
                }
                if (line != null) {
                    Envelope envelope = accept(line);
                    if (envelope != null) {
                        positionName = reader.lastName();
                        positionLine = reader.lastLine();
                        return envelope;
                    }
                    if (++lines % LINES_BETWEEN_CLOCK_READS == 0 && System.nanoTime() - started >= budget) {
                        return null;
                    }
                    continue;
                }
                if (reader.ended()) {
                    return null;
                }
                long left = budget - (System.nanoTime() - started);
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, checkNanos));
            }
            return null;
        }
    }

    private Envelope accept(byte[] line) {
        if (isBlank(line)) {
            return null;
        }
        String routingKey = JsonMember.ROUTING_KEY.string(line);
        if (routingKey == null) {
            routingKey = "";
        } else if (!subscription.wants(routingKey)) {
            return null;
        }
        return new Envelope(routingKey, Map.of(), line);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * How many rotated files were deleted before this source read them, because it fell more than
     * {@code max-files} rotations behind the writer (a lower bound when it fell very far behind);
     * each loss is also logged as a warning. Any thread.
     */
    long rotatedFilesLost() {
        return reader.rotatedFilesLost();
    }

    /** True once closed, or when not following and the end of the current file was reached. */
    @Override
    public boolean ended() {
        return closed || reader.ended();
    }

    /** {@code <file name>:<line number>} of the last envelope returned, for example {@code events.1.jsonl:42}. */
    @Override
    public String position() {
        return positionName.isEmpty() ? "" : positionName + ":" + positionLine;
    }

    /** Closes the open file and wakes a waiting {@link #poll}. Idempotent; any thread. */
    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
            reader.close();
        }
    }

    @Override
    public String toString() {
        return "FileSource{" + path + ", at " + position() + "}";
    }
}
