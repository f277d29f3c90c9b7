package dev.telltale.backend.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Arrays;

/**
 * Reads {@code \n}-terminated lines of bytes from a file through one buffer that grows to the
 * longest line seen (and shrinks back after it). A line without its {@code \n} yet is kept until
 * it is complete, or handed out as it is when the caller says the file is finished; reading past
 * the end and calling again later returns what was appended in between.
 *
 * <p>Reads go through {@link RandomAccessFile}, which an interrupt does not close. Not thread-safe.
 */
final class LineReader implements Closeable {

    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int SHRINK_ABOVE = 1024 * 1024;
    private static final int MAX_LINE = Integer.MAX_VALUE - 16;

    private final RandomAccessFile file;
    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int start; // first byte not handed out
    private int scanned; // buffer[start, scanned) holds no newline
    private int end; // end of the bytes read
    private long readPosition; // file offset of buffer[end]

    /** Reads {@code file} from its current position, which must be 0. */
    LineReader(RandomAccessFile file) {
        this.file = file;
    }

    /**
     * The next line, without its {@code \n}.
     *
     * @param finished whether nothing more will be appended, so that a last line without {@code
     *     \n} is complete
     * @return the line, or null at the end of the file (before a partial last line unless {@code
     *     finished})
     * @throws IOException if reading fails or a line is longer than an array can be
     */
    byte[] readLine(boolean finished) throws IOException {
        int lineEnd = findLineEnd(finished);
        if (lineEnd < 0) {
            return null;
        }
        byte[] line = Arrays.copyOfRange(buffer, start, lineEnd);
        consume(lineEnd);
        return line;
    }

    /** Skips the next complete line without copying it; false at the end of the file. */
    boolean skipLine() throws IOException {
        int lineEnd = findLineEnd(false);
        if (lineEnd < 0) {
            return false;
        }
        consume(lineEnd);
        return true;
    }

    /** How many bytes of the file have been read, including a partial line not handed out yet. */
    long readPosition() {
        return readPosition;
    }

    /** The file's length now. */
    long length() throws IOException {
        return file.length();
    }

    /** Starts again from the beginning of the file, forgetting any partial line. */
    void rewind() throws IOException {
        file.seek(0);
        start = 0;
        scanned = 0;
        end = 0;
        readPosition = 0;
    }

    private int findLineEnd(boolean finished) throws IOException {
        while (true) {
            byte[] bytes = buffer;
            for (int i = scanned; i < end; i++) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            scanned = end;
            if (!fill()) {
                return finished && end > start ? end : -1;
            }
        }
    }

    private void consume(int lineEnd) {
        start = Math.min(lineEnd + 1, end);
        scanned = start;
    }

    private boolean fill() throws IOException {
        if (start == end) {
            start = 0;
            scanned = 0;
            end = 0;
            if (buffer.length > SHRINK_ABOVE) {
                buffer = new byte[INITIAL_CAPACITY];
            }
        } else if (end == buffer.length) {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            } else {
                grow();
            }
        }
        int n = file.read(buffer, end, buffer.length - end);
        if (n <= 0) {
            return false;
        }
        end += n;
        readPosition += n;
        return true;
    }

    private void grow() throws IOException {
        if (buffer.length >= MAX_LINE) {
            throw new IOException("line longer than " + MAX_LINE + " bytes at offset " + (readPosition - end));
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_LINE, buffer.length * 2L));
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
