package dev.telltale.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Messages from the lines of an input stream (standard input): UTF-8 JSON, one event or verbose
 * wrapper a line, {@code \n} or {@code \r\n} line ends, blank lines skipped but counted; the
 * position is {@code <name>:<line>}.
 *
 * <p><b>Pretty-printed documents</b> (what {@code --pretty} prints, or {@code jq .}) are read
 * too: a line holding only <code>{</code> opens a document, and the next line that starts with
 * <code>}</code> in its first column closes it (lines inside are indented, as every
 * pretty-printer indents them). The document is decoded as one message, compacted, with the
 * position of its first line. A line that starts in the first column with anything else while a
 * document is open means the document was cut off: it is reported as malformed and the line is
 * read on its own.
 *
 * <p><b>Threads.</b> A daemon thread ({@code telltale-monitor-<name>}) reads the stream in chunks
 * of up to {@value #CHUNK} bytes, cuts them into lines and decodes them, and hands the messages
 * of each chunk (and the malformed inputs among them, in their place) to {@link #next} through a
 * queue of {@value #QUEUED} batches. So parsing runs beside what the caller does with the
 * messages (collating, printing), {@link #next} can wait with a timeout, and {@link #close}
 * returns at once even while a read blocks (a blocked read of a pipe or terminal cannot be woken;
 * the thread then ends with its next read). The malformed-input callback is called by the thread
 * calling {@link #next}, in order with the messages. Lines may be as long as {@value #MAX_LINE}
 * bytes; a longer one is reported as malformed and skipped.
 */
final class LineInput implements Input {

    static final int CHUNK = 32 * 1024;
    static final int QUEUED = 2;
    static final int MAX_LINE = 64 * 1024 * 1024;

    /** Eight bytes of a {@code byte[]} at once, the first in the lowest bits. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    /** Marks the end of the input in the queue of batches (told apart by identity). */
    private static final List<Object> END = new ArrayList<>(0);
    /** Wakes a waiting {@link #next} on close (told apart by identity). */
    private static final List<Object> WAKE = new ArrayList<>(0);

    private final InputStream in;
    private final String name;
    private final MessageDecoder decoder;
    private final Consumer<? super MalformedInput> onMalformed;
    private final BlockingQueue<List<Object>> batches = new ArrayBlockingQueue<>(QUEUED);
    private final Thread reader;
    private volatile boolean closed;
    private volatile IOException failure;

    // owned by the thread calling next()
    private boolean ended;
    private List<Object> current = List.of();
    private int taken;

    // owned by the reading thread
    private List<Object> batch = new ArrayList<>();
    private byte[] carry = new byte[1024];
    private int carried;
    private boolean overlong;
    private long line;
    private byte[] document; // the open pretty-printed document, compacted so far, or null
    private int documentLength;
    private long documentLine;

    /**
     * Reads {@code in}, decoding with a {@link MessageDecoder} of these settings.
     *
     * @param onMalformed called by the thread calling {@link #next} with each malformed input
     */
    LineInput(InputStream in, String name, List<dev.telltale.spi.TopicPattern> patterns, boolean keepJson,
            Counters counters, Consumer<? super MalformedInput> onMalformed) {
        this.in = in;
        this.name = name;
        this.onMalformed = onMalformed;
        this.decoder = new MessageDecoder(patterns, keepJson, counters, m -> batch.add(m));
        this.reader = new Thread(this::read, "telltale-monitor-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The reading thread: decoded batches into the queue, then {@link #END}. */
    private void read() {
        byte[] buffer = new byte[CHUNK];
        try {
            try {
                while (!closed) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    lines(buffer, n);
                    handOn();
                }
                if (!closed) {
                    endOfInput();
                    handOn();
                }
            } catch (IOException e) {
                if (!closed) {
                    failure = e;
                }
            } catch (RuntimeException e) { // an input stream (or a bug here) that throws: end, do not hang
                if (!closed) {
                    failure = new IOException(e.toString(), e);
                }
            }
            if (!closed) {
                batches.put(END);
            }
        } catch (InterruptedException e) {
            // closed while the queue was full
        }
    }

    private void handOn() throws InterruptedException {
        if (!batch.isEmpty()) {
            batches.put(batch);
            batch = new ArrayList<>(Math.max(16, batch.size()));
        }
    }

    @Override
    public Message next(long timeoutNanos) throws IOException, InterruptedException {
        long started = System.nanoTime();
        while (!closed && !ended) {
            while (taken < current.size()) {
                Object item = current.get(taken++);
                if (item instanceof Message m) {
                    return m;
                }
                onMalformed.accept((MalformedInput) item);
            }
            long left = timeoutNanos - (System.nanoTime() - started);
            List<Object> b = left > 0 ? batches.poll(left, TimeUnit.NANOSECONDS) : batches.poll();
            if (b == null) {
                return null;
            }
            if (b == END) {
                ended = true;
                break;
            }
            if (b != WAKE) {
                current = b;
                taken = 0;
            }
        }
        return ended ? failed() : null;
    }

    /** Decodes the lines of {@code b[0, end)} into {@link #batch}, carrying a last partial line over. */
    private void lines(byte[] b, int end) {
        int pos = 0;
        while (pos < end) {
            int nl = newline(b, pos, end);
            if (nl == end) {
                carry(b, pos, end);
                return;
            }
            int from = pos;
            pos = nl + 1;
            if (carried == 0 && !overlong) {
                add(line(b, from, nl - from, true));
            } else {
                carry(b, from, nl);
                add(carriedLine());
            }
        }
    }

    /**
     * The index of the first {@code '\n'} in {@code b[from, to)}, or {@code to} if there is none.
     * Looks at eight bytes at a time: a byte of {@code w ^ NEWLINES} is zero where {@code w} has
     * a newline, and {@code (x - ONES) & ~x & HIGHS} sets the high bit of the lowest zero byte of
     * {@code x} (bits above it may be set too, by the borrow; below it, none is).
     */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private void add(Message m) {
        if (m != null) {
            batch.add(m);
        }
    }

    private Message carriedLine() {
        boolean tooLong = overlong;
        int length = carried;
        carried = 0;
        overlong = false;
        if (tooLong) {
            line++;
            decoder.malformedLine(name, line, "line longer than " + MAX_LINE + " bytes");
            return null;
        }
        Message m = line(carry, 0, length, true);
        if (carry.length > CHUNK * 16) {
            carry = new byte[1024]; // one long line does not keep its buffer
        }
        return m;
    }

    private Message line(byte[] b, int from, int length, boolean shared) {
        line++;
        int i = from;
        int to = from + length;
        while (i < to && MessageDecoder.isBlank(b[i])) {
            i++;
        }
        if (document != null) {
            if (i == to) {
                return null;
            }
            if (i == from) { // first column: the closing brace, or the document was cut off
                if (b[i] == '}') {
                    return closeDocument(b, from, to);
                }
                abandonDocument("a pretty-printed document that is not closed");
            } else {
                appendCompacted(b, from, to);
                return null;
            }
        }
        if (i == to) {
            return null;
        }
        if (b[i] == '{' && isBlankFrom(b, i + 1, to)) {
            document = new byte[1024];
            documentLength = 0;
            documentLine = line;
            appendCompacted(b, i, to);
            return null;
        }
        return decoder.decode(b, from, length, shared, null, Map.of(), name, line);
    }

    private static boolean isBlankFrom(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!MessageDecoder.isBlank(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code b[from, to)} to the open document without whitespace outside strings. */
    private void appendCompacted(byte[] b, int from, int to) {
        if (documentLength + (to - from) > MAX_LINE) {
            abandonDocument("a pretty-printed document longer than " + MAX_LINE + " bytes");
            return;
        }
        if (documentLength + (to - from) > document.length) {
            document = Arrays.copyOf(document, Math.max(documentLength + (to - from), document.length * 2));
        }
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (inString) {
                document[documentLength++] = c;
                if (c == '\\' && i + 1 < to) {
                    document[documentLength++] = b[++i];
                } else if (c == '"') {
                    inString = false;
                }
            } else if (!MessageDecoder.isBlank(c)) {
                document[documentLength++] = c;
                inString = c == '"';
            }
        }
    }

    private Message closeDocument(byte[] b, int from, int to) {
        appendCompacted(b, from, to);
        if (document == null) {
            return null; // abandoned: too long
        }
        byte[] json = document;
        int length = documentLength;
        long first = documentLine;
        document = null;
        return decoder.decode(json, 0, length, true, null, Map.of(), name, first);
    }

    private void abandonDocument(String reason) {
        long first = documentLine;
        document = null;
        decoder.malformedLine(name, first, reason);
    }

    private void carry(byte[] b, int from, int to) {
        int n = to - from;
        if (overlong || carried + n > MAX_LINE) {
            overlong = true;
            carried = 0;
            return;
        }
        if (carried + n > carry.length) {
            carry = Arrays.copyOf(carry, Math.max(carried + n, Math.min(MAX_LINE, carry.length * 2)));
        }
        System.arraycopy(b, from, carry, carried, n);
        carried += n;
    }

    /** The stream ended: the last line if it had no line end, and a document left open. */
    private void endOfInput() {
        if (carried > 0 || overlong) {
            add(carriedLine());
        }
        if (document != null) {
            abandonDocument("a pretty-printed document that is not closed before the input ended");
        }
    }

    /** Throws the reading thread's failure, once; else returns null. */
    private Message failed() throws IOException {
        IOException e = failure;
        if (e == null) {
            return null;
        }
        failure = null;
        throw e instanceof InterruptedIOException ? e : new IOException("reading " + name + ": " + e.getMessage(), e);
    }

    @Override
    public boolean ended() {
        return closed || ended && failure == null;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        reader.interrupt();
        batches.clear();
        batches.offer(WAKE);
        in.close();
    }
}
