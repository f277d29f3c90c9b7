package dev.telltale.backend.file;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Finds the bytes after the last {@code \n} of a file: a line its writer did not finish. */
final class PartialLine {

    private static final int CHUNK = 8192;

    private PartialLine() {
    }

    /**
     * The length of the partial last line of the first {@code size} bytes read through {@code
     * channel}: 0 when they are empty or end in {@code \n}, else the bytes after the last {@code \n}
     * (all of them if there is none). Reads backwards from {@code size}, one {@value #CHUNK}-byte
     * chunk at a time, so at most {@code size} bytes.
     *
     * @throws IOException if the file cannot be read, or is shorter than {@code size}
     */
    static long length(FileChannel channel, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(size, 1)));
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - start));
            readFully(channel, chunk, start);
            for (int i = chunk.limit() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return size - (start + i + 1);
                }
            }
            end = start;
        }
        return size;
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n <= 0) { // a blocking file read returns 0 only into a full buffer
                throw new EOFException("the file ended at " + at + " bytes");
            }
            at += n;
        }
    }
}
