package dev.telltale.monitor;

import static dev.telltale.monitor.Lines.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.monitor.CollatedObject.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The monitor's edges: closing a stream releases its input and its reading thread; lines and
 * pretty-printed documents longer than the reader's first buffer (1 KiB), arriving in small
 * reads; event times whose nanoseconds overflow a {@code long} (stream time saturates instead).
 */
@Timeout(60)
class MonitorEdgesTest {

    /** An input that blocks in {@code read} until closed, like a pipe nobody writes to. */
    private static final class BlockingInput extends InputStream {
        final AtomicBoolean closed = new AtomicBoolean();
        final CountDownLatch reading = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            reading.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read();
        }

        @Override
        public void close() {
            closed.set(true);
            released.countDown();
        }
    }

    /** An input that hands out at most {@code step} bytes a read, so lines arrive in pieces. */
    private static InputStream trickle(String text, int step) {
        ByteArrayInputStream all = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return all.read(b, off, Math.min(len, step));
            }
        };
    }

    private static Thread readerThread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("telltale-monitor-" + name)) {
                return t;
            }
        }
        return null;
    }

    @Test
    void close_closesTheInput_andTheReadingThreadEnds() throws Exception {
        BlockingInput in = new BlockingInput();
        MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().input(in, "close-test").build());
        assertTrue(in.reading.await(10, TimeUnit.SECONDS), "the reading thread reads");
        Thread reader = readerThread("close-test");
        assertTrue(reader != null && reader.isAlive() && reader.isDaemon(), String.valueOf(reader));
        assertFalse(in.closed.get());

        stream.close();
        assertTrue(in.closed.get(), "closing the stream closes its input");
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(reader.isAlive(), "the reading thread ended");
        assertTrue(stream.ended());
    }

    @Test
    void inputThatThrowsARuntimeException_failsTheStream_insteadOfLeavingItWaiting() throws Exception {
        InputStream in = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("the input broke");
            }
        };
        MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().input(in, "throws").build());
        IOException failure = null;
        for (int i = 0; i < 30 && failure == null && !stream.ended(); i++) {
            try {
                stream.poll(Duration.ofSeconds(1));
            } catch (IOException e) {
                failure = e;
            }
        }
        assertTrue(failure != null && failure.getMessage().contains("the input broke"), String.valueOf(failure));
        stream.close();
    }

    @Test
    void closingTheJavaStream_closesTheInput() throws Exception {
        BlockingInput in = new BlockingInput();
        MonitorStream<CollatedObject> objects = Monitor.objects(MonitorOptions.builder().input(in, "stream-close").build());
        assertTrue(in.reading.await(10, TimeUnit.SECONDS));
        objects.stream().close();
        assertTrue(in.closed.get());
    }

    @Test
    void linesLongerThanOneKiB_inSmallReads_areDecodedWhole() throws Exception {
        String big = "x".repeat(5000);
        String first = Lines.event("app.log", "app.log", "s", 1, Lines.T0, "{\"text\":\"" + big + "\"}");
        String second = Lines.event("app.log", "app.log", "s", 2, Lines.T0, "{\"text\":\"short\"}");
        for (int step : new int[] {100, 4000}) { // many small pieces, or a first piece past twice the buffer
            List<Message> messages = drain(Monitor.messages(MonitorOptions.builder()
                    .input(trickle(first + "\n" + second + "\n", step), "long").build()));
            assertEquals(2, messages.size(), messages.toString());
            assertEquals(big, messages.get(0).event().fields().get("text"));
            assertEquals("long:1", messages.get(0).position());
            assertEquals("short", messages.get(1).event().fields().get("text"));
            assertEquals("long:2", messages.get(1).position());
        }
    }

    @Test
    void prettyPrintedDocumentsLongerThanOneKiB_areDecodedWhole() throws Exception {
        String big = "y".repeat(3000);
        String pretty = "{\n"
                + "  \"fields\" : { \"text\" : \"" + big + "\", \"more\" : \"" + big + "\" },\n"
                + "  \"kind\" : \"app.log\",\n"
                + "  \"routingKey\" : \"app.log\",\n"
                + "  \"source\" : \"s\",\n"
                + "  \"seq\" : 1,\n"
                + "  \"time\" : \"" + Lines.time(Lines.T0) + "\",\n"
                + "  \"thread\" : \"worker-1\",\n"
                + "  \"host\" : \"box-1\",\n"
                + "  \"pid\" : 4242\n"
                + "}\n";
        String after = Lines.event("app.log", "app.log", "s", 2, Lines.T0, "{}");
        List<Message> messages = drain(Monitor.messages(MonitorOptions.builder()
                .input(trickle(pretty + pretty + after + "\n", 7000), "pretty").build()));
        assertEquals(3, messages.size(), messages.toString());
        for (int i = 0; i < 2; i++) {
            Map<String, Object> fields = messages.get(i).event().fields();
            assertEquals(big, fields.get("text"));
            assertEquals(big, fields.get("more"));
        }
        assertEquals("pretty:1", messages.get(0).position());
        assertEquals("pretty:12", messages.get(1).position());
        assertEquals("pretty:23", messages.get(2).position());
    }

    @Test
    void eventTimeBeyondWhatNanosecondsHold_saturatesStreamTime_soOthersTimeOut() throws Exception {
        Instant far = Instant.parse("9999-01-01T00:00:00Z"); // past 2262: epoch nanoseconds overflow a long
        String present = Lines.event("context.born", "shop.request", "present", 1, Lines.T0, "{\"n\":1}");
        String ahead = Lines.event("context.born", "shop.request", "future", 1, far, "{\"n\":2}");
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 1 << 16);
        try (writer; MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder()
                .input(pipe, "far").collateTimeout(Duration.ofMinutes(1)).build())) {
            writer.write((present + "\n" + ahead + "\n").getBytes(StandardCharsets.UTF_8));
            writer.flush();
            CollatedObject first = stream.poll(Duration.ofSeconds(10));
            assertTrue(first != null, "stream time jumped to the far future, so 'present' timed out at once");
            assertEquals("present", first.id());
            assertEquals(Status.INCOMPLETE, first.status());
            assertFalse(stream.ended(), "the input is still open");
        }
    }

    @Test
    void eventTimesLongBeforeWhatNanosecondsHold_stillCollateTogether() throws Exception {
        Instant old = Instant.parse("1600-01-01T00:00:00Z"); // before 1677: epoch nanoseconds underflow a long
        String born = Lines.event("context.born", "shop.request", "c1", 1, old, "{\"a\":1}");
        String update = Lines.event("context.update", "shop.request", "c1", 2, old.plusSeconds(1), "{\"b\":2}");
        String finished = Lines.event("context.finished", "shop.request", "c1", 3, old.plusSeconds(2),
                "{\"elapsed\":2.0,\"reclaimed\":false}");
        List<CollatedObject> out = drain(Monitor.objects(MonitorOptions.builder()
                .input(Lines.input(born, update, finished), "old").collateTimeout(Duration.ofDays(365)).build()));
        assertEquals(1, out.size(), out.toString());
        CollatedObject o = out.get(0);
        assertEquals(Status.FINISHED, o.status());
        assertEquals(Map.of("a", 1L, "b", 2L), normalise(o.fields()));
    }

    @Test
    void durationTooLongForNanoseconds_meansUntilTheInputEnds() throws Exception {
        List<Message> messages = drain(Monitor.messages(MonitorOptions.builder()
                .input(Lines.input(Lines.born("c1", 0, "{}"), Lines.born("c2", 1, "{}")), "forever")
                .duration(Duration.ofSeconds(Long.MAX_VALUE)).build()));
        assertEquals(2, messages.size(), "a duration past what a long of nanoseconds holds is not a negative one");
    }

    private static Map<String, Object> normalise(Map<String, Object> fields) {
        Map<String, Object> out = new java.util.HashMap<>();
        fields.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.longValue() : v));
        return out;
    }
}
