package dev.telltale.cli;

import static dev.telltale.cli.EventLines.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.monitor.CollatedObject;
import dev.telltale.monitor.MalformedInput;
import dev.telltale.monitor.Message;
import dev.telltale.monitor.Monitor;
import dev.telltale.monitor.MonitorOptions;
import dev.telltale.monitor.MonitorStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor as a library, reading the real file backend while another thread writes to it. */
class MonitorFileBackendTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path events() {
        return dir.resolve("events.jsonl");
    }

    private MonitorOptions.Builder following() {
        return MonitorOptions.builder().backend("file").set("telltale.file.path", events().toString())
                .option("follow", "true");
    }

    private void append(String line) {
        try {
            Files.write(events(), (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T next(MonitorStream<T> stream) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            T item = stream.poll(Duration.ofMillis(200));
            if (item != null) {
                return item;
            }
        }
        throw new AssertionError("nothing within " + LONG + ": " + stream);
    }

    @Test
    void follow_seesEachLineAsItIsWritten_byAnotherThread() throws Exception {
        int count = 20;
        BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 1; i <= count; i++) {
                    append(ctx("update", "c1", i, i, "{\"n\":" + i + "}"));
                    // the next line only after the monitor saw this one: it really follows
                    if (seen.poll(LONG.toMillis(), TimeUnit.MILLISECONDS) == null) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-writer");
        List<Long> numbers = new ArrayList<>();
        try (MonitorStream<Message> stream = Monitor.messages(following().build())) {
            writer.start();
            for (int i = 1; i <= count; i++) {
                Message m = next(stream);
                numbers.add((Long) m.event().field("n"));
                assertEquals("events.jsonl:" + i, m.position());
                seen.add(i);
            }
        } finally {
            writer.join(LONG.toMillis());
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= count; i++) {
            expected.add(i);
        }
        assertEquals(expected, numbers);
    }

    @Test
    void close_fromAnotherThread_endsAnIterationWaitingOnTheFile() throws Exception {
        append(ctx("born", "c1", 1, 0, "{}"));
        MonitorStream<Message> stream = Monitor.messages(following().build());
        List<Message> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            stream.forEach(m -> {
                seen.add(m);
                first.countDown();
            });
            ended.countDown();
        }, "test-reader");
        reader.start();
        assertTrue(first.await(LONG.toMillis(), TimeUnit.MILLISECONDS), "the first line was read");

        long closing = System.nanoTime();
        stream.close();

        assertTrue(ended.await(LONG.toMillis(), TimeUnit.MILLISECONDS), "iteration ended");
        assertTrue(System.nanoTime() - closing < Duration.ofSeconds(2).toNanos(), "promptly after close()");
        reader.join(LONG.toMillis());
        assertEquals(1, seen.size());
    }

    @Test
    void collate_onAFollowedFile_givesTheObjectOutWhenItsFinishedIsWritten() throws Exception {
        try (MonitorStream<CollatedObject> stream = Monitor.objects(following().build())) {
            append(ctx("born", "c1", 1, 0, "{\"a\":1}"));
            append(ctx("update", "c1", 2, 1, "{\"b\":2}"));
            assertEquals(null, stream.poll(Duration.ofMillis(300)), "nothing before it finishes");
            assertEquals(1, stream.counts().live());

            append(ctx("finished", "c1", 3, 2, "{\"elapsed\":0.002,\"reclaimed\":false}"));
            CollatedObject o = next(stream);

            assertEquals(CollatedObject.Status.FINISHED, o.status());
            assertTrue(o.complete());
            assertEquals(java.util.Map.of("a", 1L, "b", 2L), o.fields());
            assertEquals("events.jsonl:1", o.firstPosition());
            assertEquals("events.jsonl:3", o.lastPosition());
        }
    }

    @Test
    void aQuietFollowedFile_stillTimesObjectsOut() throws Exception {
        try (MonitorStream<CollatedObject> stream = Monitor.objects(following()
                .collateTimeout(Duration.ofMillis(300)).build())) {
            append(ctx("born", "quiet", 1, 0, "{}"));
            long started = System.nanoTime();
            CollatedObject o = next(stream);

            assertEquals("quiet", o.id());
            assertEquals(CollatedObject.Status.INCOMPLETE, o.status());
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
        }
    }

    @Test
    void malformedLines_areReportedWithTheFilesPosition() throws Exception {
        append(ctx("born", "c1", 1, 0, "{}"));
        append("{\"oops\"}");
        append(ctx("update", "c1", 2, 1, "{}"));
        List<MalformedInput> malformed = new ArrayList<>();
        try (MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().backend("file")
                .set("telltale.file.path", events().toString()).onMalformed(malformed::add).build())) {
            assertEquals("events.jsonl:1", next(stream).position());
            assertEquals("events.jsonl:3", next(stream).position());
            assertEquals(null, stream.poll(Duration.ofSeconds(1)));
            assertTrue(stream.ended());
            assertEquals(1, stream.counts().malformed());
        }
        assertEquals(List.of(new MalformedInput("events.jsonl:2", "expected ':' but found '}' at line 1, column 8 (offset 7)")),
                malformed);
    }

    @Test
    void withPatterns_malformedLinesAreStillReported() throws Exception {
        // the file source hands on lines without a readable routing key whatever the patterns
        append("{\"oops\"}");
        append(ctx("born", "c1", 1, 0, "{}"));
        List<MalformedInput> malformed = new ArrayList<>();
        try (MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().backend("file")
                .set("telltale.file.path", events().toString()).patterns("#").onMalformed(malformed::add).build())) {
            assertNotNull(next(stream));
            assertEquals(null, stream.poll(Duration.ofSeconds(1)));
            assertEquals(1, stream.counts().malformed());
        }
        assertEquals(1, malformed.size());
        assertEquals("events.jsonl:1", malformed.get(0).position());
    }
}
