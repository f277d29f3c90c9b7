package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Collation's memory follows the objects alive at once, never the length of the stream. */
class CollatorMemoryTest {

    private static final int CONTEXTS = 200_000;
    private static final int INTERLEAVED = 50;

    @Test
    void manyShortLivedContexts_keepFewObjectsOpen() throws Exception {
        // born, update, finished for each context; INTERLEAVED contexts run at once
        InputStream in = new GeneratedLines(3L * CONTEXTS, n -> {
            long round = n / (3L * INTERLEAVED);
            int inRound = (int) (n % (3L * INTERLEAVED));
            long context = round * INTERLEAVED + inRound % INTERLEAVED;
            int step = inRound / INTERLEAVED;
            long millis = n;
            String id = "ctx-" + context;
            return switch (step) {
                case 0 -> Lines.born(id, millis, "{\"n\":" + context + "}");
                case 1 -> Lines.update(id, 2, millis, "{\"status\":200}");
                default -> Lines.finished(id, 3, millis, 0.001);
            };
        });
        int maxLive = 0;
        long count = 0;
        try (MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(in).build())) {
            Iterator<CollatedObject> it = stream.iterator();
            while (it.hasNext()) {
                CollatedObject o = it.next();
                assertTrue(o.complete(), o::toString);
                count++;
                maxLive = Math.max(maxLive, stream.counts().live());
            }
            assertEquals(CONTEXTS, count);
            assertTrue(maxLive <= INTERLEAVED, "open objects: " + maxLive);
            assertEquals(0, stream.counts().live());
            assertEquals(3L * CONTEXTS, stream.counts().messages());
        }
    }

    @Test
    void contextsThatNeverFinish_areTimedOut_soFewStayOpen() throws Exception {
        // a born every second of stream time, never finished; a one minute timeout
        InputStream in = new GeneratedLines(CONTEXTS, n -> Lines.born("ctx-" + n, n * 1000, "{}"));
        int maxLive = 0;
        long count = 0;
        try (MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(in)
                .collateTimeout(Duration.ofMinutes(1)).build())) {
            for (CollatedObject o : stream) {
                assertEquals(CollatedObject.Status.INCOMPLETE, o.status());
                count++;
                maxLive = Math.max(maxLive, stream.counts().live());
            }
        }
        assertEquals(CONTEXTS, count);
        assertTrue(maxLive <= 62, "open objects: " + maxLive);
    }

    @Test
    void rememberedIds_areBounded() {
        Collator collator = new Collator(Duration.ofMinutes(5).toNanos(), 1000, new Counters());
        MessageDecoder decoder = new MessageDecoder(java.util.List.of(), false, new Counters(), m -> { });
        for (int i = 0; i < Collator.REMEMBERED * 2; i++) {
            byte[] line = Lines.ctx("transient", "t-" + i, 1, i, "{}").getBytes(StandardCharsets.UTF_8);
            collator.accept(decoder.decode(line, 0, line.length, false, null, java.util.Map.of(), "gen", i), o -> { });
        }
        assertEquals(Collator.REMEMBERED, collator.remembered());
    }

    /** Lines made one at a time as they are read: the stream is never held in memory. */
    private static final class GeneratedLines extends InputStream {

        private final long lines;
        private final LongFunction<String> line;
        private long next;
        private byte[] current = new byte[0];
        private int pos;

        GeneratedLines(long lines, LongFunction<String> line) {
            this.lines = lines;
            this.line = line;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos == current.length) {
                    if (next == lines) {
                        break;
                    }
                    current = (line.apply(next++) + "\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                int k = Math.min(len - n, current.length - pos);
                System.arraycopy(current, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            return n == 0 && len > 0 ? -1 : n;
        }
    }
}
