package dev.telltale.cli;

import dev.telltale.monitor.CollatedObject;
import dev.telltale.monitor.KeyExtractor;
import dev.telltale.monitor.Message;
import dev.telltale.tool.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Prints what {@code ./telltale monitor} reads, one JSON document a line (indented with {@code
 * -p}), always in UTF-8: a message as its event's JSON exactly as read, or the verbose wrapper
 * with {@code -v}; a collated object as {@link CollatedObject#toMap()} ({@code -v}: with its
 * positions); with {@code -k}, only the keys found in that document, and nothing when none is.
 *
 * <p>Output is buffered and flushed at least every {@value #FLUSH_MILLIS} ms while items come,
 * and whenever the caller says the input is quiet ({@link #flush()}), so a followed stream shows
 * up promptly and a large one is written in large blocks. Used by one thread.
 */
final class MonitorOutput {

    static final long FLUSH_MILLIS = 100;

    private final PrintStream target;
    private final BufferedOutputStream out;
    private final boolean pretty;
    private final boolean verbose;
    private final KeyExtractor keys;
    private long lastFlush = System.nanoTime();

    MonitorOutput(PrintStream target, boolean pretty, boolean verbose, KeyExtractor keys) {
        this.target = target;
        this.out = new BufferedOutputStream(target, 1 << 16);
        this.pretty = pretty;
        this.verbose = verbose;
        this.keys = keys;
    }

    /**
     * Prints {@code item}, a {@link Message} or a {@link CollatedObject}.
     *
     * @return false if nothing was printed because {@code -k} found none of its keys
     */
    boolean print(Object item) throws IOException {
        String text = text(item);
        if (text == null) {
            return false;
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        long now = System.nanoTime();
        if (now - lastFlush > FLUSH_MILLIS * 1_000_000) {
            out.flush();
            lastFlush = now;
        }
        return true;
    }

    private String text(Object item) {
        Map<String, Object> doc;
        if (item instanceof Message m) {
            if (keys == null && !verbose && !pretty) {
                return m.json();
            }
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
        return pretty ? Json.pretty(doc) : Json.compact(doc);
    }

    /** Writes out what is buffered. */
    void flush() throws IOException {
        out.flush();
        lastFlush = System.nanoTime();
    }

    /** Whether the output is gone (a closed pipe, as in {@code monitor ... | head}). */
    boolean broken() {
        return target.checkError();
    }
}
