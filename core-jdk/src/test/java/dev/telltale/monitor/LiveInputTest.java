package dev.telltale.monitor;

import static dev.telltale.monitor.Lines.born;
import static dev.telltale.monitor.Lines.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An input that stays open (a pipe, like {@code tail -f | telltale monitor -s}): waiting, closing, bounds. */
class LiveInputTest {

    private final PipedOutputStream writer = new PipedOutputStream();
    private final PipedInputStream pipe;

    LiveInputTest() throws IOException {
        pipe = new PipedInputStream(writer, 1 << 16);
    }

    @AfterEach
    void closeWriter() throws IOException {
        writer.close();
    }

    private void write(String... lines) throws IOException {
        for (String line : lines) {
            writer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        writer.flush();
    }

    @Test
    void poll_waitsForTheNextLine_andReturnsNullOnTimeout() throws Exception {
        try (MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().input(pipe).build())) {
            long started = System.nanoTime();
            assertNull(stream.poll(Duration.ofMillis(200)));
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(200).toNanos());
            assertFalse(stream.ended());

            write(born("c1", 0, "{}"));
            Message m = stream.poll(Duration.ofSeconds(10));
            assertEquals("stdin:1", m.position());
        }
    }

    @Test
    void close_fromAnotherThread_endsABlockedIteration() throws Exception {
        MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().input(pipe).build());
        List<Message> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            for (Message m : stream) {
                seen.add(m);
                first.countDown();
            }
            done.countDown();
        }, "test-reader");
        reader.start();
        write(born("c1", 0, "{}"));
        assertTrue(first.await(10, TimeUnit.SECONDS), "the first message arrived");

        long closing = System.nanoTime();
        stream.close();
        assertTrue(done.await(10, TimeUnit.SECONDS), "iteration ended after close()");
        assertTrue(System.nanoTime() - closing < Duration.ofSeconds(2).toNanos(), "promptly");
        reader.join(10_000);
        assertEquals(1, seen.size());
        assertTrue(stream.ended());
    }

    @Test
    void duration_endsTheStream_andGivesOutOpenObjects() throws Exception {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(pipe)
                .duration(Duration.ofMillis(300)).build());
        write(born("c1", 0, "{\"a\":1}"), update("c1", 2, 1, "{\"b\":2}"));
        long started = System.nanoTime();
        List<CollatedObject> out = Lines.drain(stream);

        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
        assertEquals(1, out.size());
        assertEquals(CollatedObject.Status.INCOMPLETE, out.get(0).status());
        assertEquals(2, out.get(0).messages());
    }

    @Test
    void aQuietInput_stillTimesObjectsOut_byTheWallClock() throws Exception {
        try (MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(pipe)
                .collateTimeout(Duration.ofMillis(300)).build())) {
            write(born("c1", 0, "{}"));
            long started = System.nanoTime();
            CollatedObject o = null;
            while (o == null && System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
                o = stream.poll(Duration.ofMillis(100));
            }

            assertEquals("c1", o.id());
            assertEquals(CollatedObject.Status.INCOMPLETE, o.status());
            long waited = System.nanoTime() - started;
            assertTrue(waited >= Duration.ofMillis(300).toNanos(), "not before the timeout: " + waited);
            assertFalse(stream.ended());
            assertEquals(0, stream.counts().live());
        }
    }

    @Test
    void aFailingInput_endsTheStream_withTheError() throws Exception {
        java.io.InputStream failing = new java.io.InputStream() {
            private boolean first = true;

            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (first) {
                    first = false;
                    byte[] line = (born("c1", 0, "{}") + "\n").getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(line, 0, b, off, line.length);
                    return line.length;
                }
                throw new IOException("disk on fire");
            }
        };
        try (MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().input(failing).build())) {
            assertEquals("stdin:1", stream.poll(Duration.ofSeconds(10)).position());
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> stream.poll(Duration.ofSeconds(10)));
            assertEquals("reading stdin: disk on fire", e.getMessage());
            assertNull(stream.poll(Duration.ZERO));
            assertTrue(stream.ended());
        }
    }
}
