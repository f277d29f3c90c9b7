package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LineInput}'s newline scan, eight bytes at a time, and lines cut by reads anywhere. */
class LineInputNewlineTest {

    private static int naive(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    @Test
    void newline_isFoundAtEveryPosition_ofEveryRange() {
        byte[] filler = {'x', '\r', 0x0B, 0x09, (byte) 0x8A, (byte) 0x0A ^ (byte) 0x80, 0x00, (byte) 0xFF, 0x01};
        for (byte fill : filler) {
            for (int length = 0; length <= 40; length++) {
                byte[] b = new byte[length];
                java.util.Arrays.fill(b, fill);
                for (int from = 0; from <= length; from++) {
                    for (int to = from; to <= length; to++) {
                        assertEquals(to, LineInput.newline(b, from, to));
                        for (int at = from; at < to; at++) {
                            b[at] = '\n';
                            assertEquals(at, LineInput.newline(b, from, to), "fill " + fill + " [" + from + "," + to + ") at " + at);
                            if (at + 1 < to) {
                                b[at + 1] = '\n'; // a second one after it changes nothing
                                assertEquals(at, LineInput.newline(b, from, to));
                                b[at + 1] = fill;
                            }
                            b[at] = fill;
                        }
                    }
                }
            }
        }
    }

    @Test
    void newline_agreesWithAByteByByteScan_onRandomBytes() {
        Random random = new Random(17);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            for (int i = 0; i < b.length; i++) {
                if (random.nextInt(16) == 0) {
                    b[i] = '\n';
                } else if (random.nextInt(4) == 0) {
                    b[i] = (byte) ('\n' + random.nextInt(3) - 1); // neighbours of the newline
                }
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            assertEquals(naive(b, from, to), LineInput.newline(b, from, to));
        }
    }

    /** Hands out its bytes a few at a time, so lines and line ends are cut at every place. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int pos;

        Trickle(byte[] bytes, long seed) {
            this.bytes = bytes;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, bytes.length - pos), 1 + random.nextInt(19));
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    @Test
    void linesEndedByLfOrCrLf_cutByReadsAnywhere_areReadWhole() throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            String line = Lines.update("c" + i, 2, i, "{\"n\":" + i + ",\"pad\":\"" + "p".repeat(i % 23) + "\"}");
            lines.add(line);
            input.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            input.writeBytes((i % 3 == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII));
        }
        for (long seed = 0; seed < 5; seed++) {
            List<Message> out = Lines.drain(Monitor.messages(MonitorOptions.builder()
                    .input(new Trickle(input.toByteArray(), seed)).build()));
            assertEquals(lines, out.stream().map(Message::json).toList());
            assertEquals("stdin:300", out.get(299).position());
        }
    }

    @Test
    void aLineSpanningChunks_withItsNewlineFirstInTheNextChunk_isReadWhole() {
        // the line fills a chunk exactly, so its newline starts the next read
        int bare = Lines.update("c1", 2, 1, "{\"pad\":\"\"}").length();
        String line = Lines.update("c1", 2, 1, "{\"pad\":\"" + "z".repeat(LineInput.CHUNK - bare) + "\"}");
        assertEquals(LineInput.CHUNK, line.getBytes(StandardCharsets.UTF_8).length);

        List<Message> out = Lines.messages(MonitorOptions.builder(), line, Lines.update("c1", 3, 2, "{}"));

        assertEquals(2, out.size());
        assertEquals(line, out.get(0).json());
        assertEquals("stdin:2", out.get(1).position());
    }
}
