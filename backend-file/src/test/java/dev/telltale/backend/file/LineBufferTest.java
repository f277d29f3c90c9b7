package dev.telltale.backend.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBufferTest {

    /** Records every write: its size, and the bytes. */
    private static final class RecordingChannel implements WritableByteChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] chunk = new byte[n];
            src.get(chunk);
            bytes.writeBytes(chunk);
            writes.add(n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static byte[] filled(int size, char c) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    @Test
    void append_manySmallLines_writesOnlyWhenTheBufferIsFull() throws Exception {
        LineBuffer buffer = new LineBuffer();
        RecordingChannel channel = new RecordingChannel();
        byte[] line = filled(99, 'x');
        long written = 0;
        for (int i = 0; i < 10_000; i++) { // 1,000,000 bytes with the newlines
            written += buffer.append(line, channel);
        }
        written += buffer.flush(channel);

        assertEquals(1_000_000, written);
        assertEquals(1_000_000 / LineBuffer.CAPACITY + 1, channel.writes.size(), channel.writes.toString());
        assertEquals(0, buffer.pending());
    }

    @Test
    void append_payloadsAroundTheCapacity_keepsEveryByteInOrder() throws Exception {
        LineBuffer buffer = new LineBuffer();
        RecordingChannel channel = new RecordingChannel();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int[] sizes = {0, 5, LineBuffer.CAPACITY - 1, LineBuffer.CAPACITY, 3, LineBuffer.CAPACITY + 1,
            3 * LineBuffer.CAPACITY + 7, 1};
        for (int i = 0; i < sizes.length; i++) {
            byte[] payload = filled(sizes[i], (char) ('a' + i));
            buffer.append(payload, channel);
            expected.writeBytes(payload);
            expected.write('\n');
        }
        buffer.flush(channel);

        assertArrayEquals(expected.toByteArray(), channel.bytes.toByteArray());
        assertTrue(channel.writes.stream().allMatch(n -> n <= LineBuffer.CAPACITY), channel.writes.toString());
    }

    @Test
    void discard_afterAppending_dropsWhatWasPending() throws Exception {
        LineBuffer buffer = new LineBuffer();
        RecordingChannel channel = new RecordingChannel();
        buffer.append(filled(10, 'x'), channel);
        buffer.discard();
        buffer.append(filled(2, 'y'), channel);
        buffer.flush(channel);
        assertEquals("yy\n", channel.bytes.toString());
    }
}
