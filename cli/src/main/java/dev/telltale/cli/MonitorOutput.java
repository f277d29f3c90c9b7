package dev.telltale.cli;

import dev.telltale.monitor.CollatedObject;
import dev.telltale.monitor.KeyExtractor;
import dev.telltale.monitor.Message;
import dev.telltale.tool.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prints what {@code ./telltale monitor} reads, one JSON document a line (indented with {@code
 * -p}), always in UTF-8: a message as its event's JSON exactly as read, or the verbose wrapper
 * with {@code -v}; a collated object as {@link CollatedObject#toMap()} ({@code -v}: with its
 * positions); with {@code -k}, only the keys found in that document, and nothing when none is.
 *
 * <p>Output is buffered and flushed at least every {@value #FLUSH_MILLIS} ms while items come,
 * and whenever the caller says the input is quiet ({@link #flush()}), so a followed stream shows
 * up promptly and a large one is written in large blocks.
 *
 * <p><b>Threads.</b> Without {@code -k} every item prints exactly one document, so {@link
 * #print} hands it to a daemon thread ({@code telltale-monitor-output}) and returns: turning
 * objects into JSON then runs beside collation. Items are handed over in batches of up to {@value
 * #BATCH} (or what came within {@value #FLUSH_MILLIS} ms), through a queue of {@value #QUEUED}
 * batches, so the threads do not wake each other for every item.
 * {@link #flush()} waits until everything handed over is written and flushed. A failure to write
 * is thrown by the next {@code print} or {@code flush}. With {@code -k} (whether anything prints
 * depends on the keys found) the caller's thread prints. Used by one thread; {@link #close()}
 * stops the printing thread.
 */
final class MonitorOutput implements AutoCloseable {

    static final long FLUSH_MILLIS = 100;
    static final int QUEUED = 8;
    static final int BATCH = 256;
    private static final long CHECK_NANOS = 100_000_000L;
    private static final Object STOP = new Object();

    /** A request to flush, done once the printing thread flushed everything before it. */
    private static final class Flush {
        final CountDownLatch done = new CountDownLatch(1);
    }

    private final PrintStream target;
    private final BufferedOutputStream out;
    private final boolean pretty;
    private final boolean verbose;
    private final KeyExtractor keys;
    private final BlockingQueue<Object> queue;
    private Thread printer;
    private List<Object> batch = new ArrayList<>(BATCH); // owned by the caller's thread
    private long lastHand = System.nanoTime(); // owned by the caller's thread
    private volatile IOException failure;
    private volatile boolean gone; // in the printing thread's care: target.checkError() after a flush
    private long lastFlush = System.nanoTime(); // owned by the thread that writes

    MonitorOutput(PrintStream target, boolean pretty, boolean verbose, KeyExtractor keys) {
        this.target = target;
        this.out = new BufferedOutputStream(target, 1 << 16);
        this.pretty = pretty;
        this.verbose = verbose;
        this.keys = keys;
        this.queue = keys == null ? new ArrayBlockingQueue<>(QUEUED) : null;
    }

    /**
     * Prints {@code item}, a {@link Message} or a {@link CollatedObject} (or hands it to the
     * printing thread).
     *
     * @return false if nothing was printed because {@code -k} found none of its keys
     * @throws IOException if writing failed (this item's or an earlier one's)
     */
    boolean print(Object item) throws IOException {
        if (queue == null) {
            return write(item);
        }
        throwFailure();
        if (printer == null) {
            printer = new Thread(this::printLoop, "telltale-monitor-output");
            printer.setDaemon(true);
            printer.start();
        }
        batch.add(item);
        long now = System.nanoTime();
        if (batch.size() >= BATCH || now - lastHand > FLUSH_MILLIS * 1_000_000) {
            handBatch();
        }
        return true;
    }

    private void handBatch() throws IOException {
        if (!batch.isEmpty()) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
        lastHand = System.nanoTime();
    }

    private boolean write(Object item) throws IOException {
        if (!pretty && !(item instanceof Message && keys == null && !verbose)) {
            Map<String, Object> doc = document(item);
            if (doc == null) {
                return false;
            }
            Json.writeCompact(doc, out); // straight to bytes: Json.compact's String would be encoded again
        } else {
            String text = text(item);
            if (text == null) {
                return false;
            }
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        out.write('\n');
        long now = System.nanoTime();
        if (now - lastFlush > FLUSH_MILLIS * 1_000_000) {
            out.flush();
            lastFlush = now;
            if (printer != null) {
                gone = target.checkError();
            }
        }
        return true;
    }

    /** The printing thread: writes what it is handed until {@link #STOP}; keeps the first failure. */
    private void printLoop() {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (item == STOP) {
                    out.flush();
                    return;
                }
                if (item instanceof Flush f) {
                    try {
                        out.flush();
                        lastFlush = System.nanoTime();
                        gone = target.checkError();
                    } finally {
                        f.done.countDown();
                    }
                } else if (failure == null) {
                    for (Object each : (List<?>) item) {
                        write(each);
                    }
                }
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException("cannot print " + item + ": " + e, e);
            }
        }
    }

    /** Puts {@code item} in the queue, waiting while it is full, unless the printing thread died. */
    private void hand(Object item) throws IOException {
        try {
            while (!queue.offer(item, CHECK_NANOS, TimeUnit.NANOSECONDS)) {
                checkPrinter();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while printing");
        }
    }

    private void checkPrinter() throws IOException {
        throwFailure();
        if (!printer.isAlive()) {
            throw new IOException("the monitor's printing thread ended");
        }
    }

    private void throwFailure() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw e;
        }
    }

    private String text(Object item) {
        if (item instanceof Message m && keys == null && !verbose && !pretty) {
            return m.json();
        }
        Map<String, Object> doc = document(item);
        if (doc == null) {
            return null;
        }
        return pretty ? Json.pretty(doc) : Json.compact(doc);
    }

    /** What is printed of {@code item}: its document, or the keys found in it; null when none is. */
    private Map<String, Object> document(Object item) {
        Map<String, Object> doc;
        if (item instanceof Message m) {
            doc = verbose ? m.toVerboseMap() : m.document();
        } else {
            CollatedObject o = (CollatedObject) item;
            doc = verbose ? o.toVerboseMap() : o.toMap();
        }
        if (keys != null) {
            doc = keys.extract(doc);
            if (doc.isEmpty()) {
                return null;
            }
        }
        return doc;
    }

    /** Writes out what is buffered (waiting until the printing thread did), then throws a failure to write. */
    void flush() throws IOException {
        if (printer == null) {
            out.flush();
            lastFlush = System.nanoTime();
            return;
        }
        handBatch();
        Flush f = new Flush();
        hand(f);
        try {
            while (!f.done.await(CHECK_NANOS, TimeUnit.NANOSECONDS)) {
                checkPrinter();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while printing");
        }
        throwFailure();
    }

    /** Whether the output is gone (a closed pipe, as in {@code monitor ... | head}). */
    boolean broken() {
        return printer == null ? target.checkError() : gone || failure != null;
    }

    /** Stops the printing thread after what it was handed; what is buffered is flushed. Idempotent. */
    @Override
    public void close() {
        if (printer != null && printer.isAlive()) {
            try {
                handBatch();
                hand(STOP);
                printer.join(10_000);
            } catch (IOException e) {
                // it died or the output failed: nothing more to write
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
