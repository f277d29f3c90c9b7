package dev.telltale.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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
 * <p>A daemon thread ({@code telltale-monitor-<name>}) reads the stream in chunks of up to
 * {@value #CHUNK} bytes into a queue of {@value #QUEUED} chunks, so {@link #next} can wait with a
 * timeout and {@link #close} returns at once even while a read blocks (a blocked read of a pipe
 * or terminal cannot be woken; the thread then ends with its next read). Lines may be as long as
 * {@value #MAX_LINE} bytes; a longer one is reported as malformed and skipped.
 */
final class LineInput implements Input {

    static final int CHUNK = 64 * 1024;
    static final int QUEUED = 8;
    static final int MAX_LINE = 64 * 1024 * 1024;
    private static final int LINES_BETWEEN_CLOCK_READS = 256;

    private record Chunk(byte[] bytes, int length) {}

    private static final Chunk END = new Chunk(new byte[0], 0);
    private static final Chunk WAKE = new Chunk(new byte[0], 0);

    private final InputStream in;
    private final String name;
    private final MessageDecoder decoder;
    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(QUEUED);
    private final Thread reader;
    private volatile boolean closed;
    private volatile IOException failure;

    // owned by the thread calling next()
    private boolean ended;
    private Chunk current;
    private int pos;
    private byte[] carry = new byte[1024];
    private int carried;
    private boolean overlong;
    private long line;
    private byte[] document; // the open pretty-printed document, compacted so far, or null
    private int documentLength;
    private long documentLine;

    LineInput(InputStream in, String name, MessageDecoder decoder) {
        this.in = in;
        this.name = name;
        this.decoder = decoder;
        this.reader = new Thread(this::read, "telltale-monitor-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The reading thread: chunks into the queue, then {@link #END}. */
    private void read() {
        byte[] buffer = new byte[CHUNK];
        try {
            while (!closed) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    chunks.put(new Chunk(Arrays.copyOf(buffer, n), n));
                }
            }
        } catch (IOException e) {
            if (!closed) {
                failure = e;
            }
        } catch (InterruptedException e) {
            return; // closed
        }
        try {
            if (!closed) {
                chunks.put(END);
            }
        } catch (InterruptedException e) {
            // closed while the queue was full
        }
    }

    @Override
    public Message next(long timeoutNanos) throws IOException, InterruptedException {
        if (ended) {
            return failed();
        }
        long started = System.nanoTime();
        int lines = 0;
        while (!closed && !ended) {
            if (current == null) {
                long left = timeoutNanos - (System.nanoTime() - started);
                Chunk c = left > 0 ? chunks.poll(left, TimeUnit.NANOSECONDS) : chunks.poll();
                if (c == null) {
                    return null;
                }
                if (c == END) {
                    return end();
                }
                if (c != WAKE) {
                    current = c;
                    pos = 0;
                }
                continue;
            }
            Message m = nextLine();
            if (m != null) {
                return m;
            }
            if (++lines % LINES_BETWEEN_CLOCK_READS == 0 && System.nanoTime() - started >= timeoutNanos) {
                return null;
            }
        }
        return null;
    }

    /** The next line of {@link #current}, or carries its rest over and drops it. */
    private Message nextLine() {
        byte[] b = current.bytes();
        int end = current.length();
        int nl = pos;
        while (nl < end && b[nl] != '\n') {
            nl++;
        }
        if (nl == end) {
            carry(b, pos, end);
            current = null;
            return null;
        }
        int from = pos;
        pos = nl + 1;
        if (pos == end) {
            current = null;
        }
        if (carried == 0 && !overlong) {
            return line(b, from, nl - from, true);
        }
        carry(b, from, nl);
        return carriedLine();
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

    /** The stream ended: the last line if it had no line end, then a failure if there was one. */
    private Message end() throws IOException {
        ended = true;
        Message last = carried > 0 || overlong ? carriedLine() : null;
        if (document != null) {
            abandonDocument("a pretty-printed document that is not closed before the input ended");
        }
        return last != null ? last : failed();
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
        chunks.clear();
        chunks.offer(WAKE);
        in.close();
    }
}
