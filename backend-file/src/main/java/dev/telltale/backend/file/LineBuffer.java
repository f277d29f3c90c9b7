package dev.telltale.backend.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Assembles lines (a payload and {@code \n}) in one reused direct buffer and writes the buffer to a
 * channel whenever it fills, so a batch costs one write per {@value #CAPACITY} bytes and no
 * allocation; a payload larger than the buffer passes through it in pieces.
 *
 * <p>Not thread-safe. After a failed write the buffer's content is undefined: {@link #discard()} it.
 */
final class LineBuffer {

    /** The buffer's size, and so the size of most writes. */
    static final int CAPACITY = 256 * 1024;

    private static final byte NEWLINE = '\n';

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY);

    /** Bytes assembled and not written yet. */
    int pending() {
        return buffer.position();
    }

    /**
     * Adds {@code payload} and a {@code \n}, first writing what the buffer holds to {@code channel}
     * whenever it is full.
     *
     * @return the number of bytes written to {@code channel}
     * @throws IOException if a write fails
     */
    long append(byte[] payload, WritableByteChannel channel) throws IOException {
        if (payload.length < buffer.remaining()) {
            buffer.put(payload).put(NEWLINE);
            return 0;
        }
        long written = 0;
        for (int offset = 0; offset < payload.length; ) {
            if (!buffer.hasRemaining()) {
                written += flush(channel);
            }
            int n = Math.min(buffer.remaining(), payload.length - offset);
            buffer.put(payload, offset, n);
            offset += n;
        }
        if (!buffer.hasRemaining()) {
            written += flush(channel);
        }
        buffer.put(NEWLINE);
        return written;
    }

    /**
     * Writes everything the buffer holds to {@code channel}, blocking until it is written.
     *
     * @return the number of bytes written
     * @throws IOException if a write fails
     */
    long flush(WritableByteChannel channel) throws IOException {
        buffer.flip();
        long written = 0;
        try {
            while (buffer.hasRemaining()) {
                written += channel.write(buffer);
            }
        } finally {
            buffer.clear();
        }
        return written;
    }

    /** Forgets what the buffer holds. */
    void discard() {
        buffer.clear();
    }
}
