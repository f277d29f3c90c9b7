package dev.telltale.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sink writing and rotating on one thread while a source follows on another. */
class FollowRotationTest {

    private static final int LINES = 6_000;
    private static final int RUNS = 5; // races differ from run to run
    private static final Duration CHECK = Duration.ofMillis(2); // the monitor's 150 ms, made quick

    @TempDir
    Path dir;

    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWriter() throws Exception {
        writer.shutdownNow();
        assertTrue(writer.awaitTermination(10, TimeUnit.SECONDS));
    }

    /**
     * Writes {@link #LINES} lines in batches of random sizes (seeded, so a failure repeats). After
     * each batch the writer takes {@code permitsPerBatch} permits from {@code readerProgress}, or
     * none when it is null.
     */
    private CompletableFuture<Void> write(FileSettings settings, Semaphore readerProgress, int maxBatch) {
        return CompletableFuture.runAsync(() -> {
            Random random = new Random(42);
            try (FileSink sink = new FileSink(settings)) {
                for (int from = 0; from < LINES; ) {
                    int count = Math.min(LINES - from, 1 + random.nextInt(maxBatch));
                    sink.publish(Events.batch(from, count, 60 + random.nextInt(200)));
                    from += count;
                    if (readerProgress != null && !readerProgress.tryAcquire(count, 30, TimeUnit.SECONDS)) {
                        throw new AssertionError("the reader stopped at line " + from);
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, writer);
    }

    private List<Long> follow(FileSource source, CompletableFuture<Void> writing, Semaphore progress) throws Exception {
        List<Long> seqs = new ArrayList<>(LINES);
        while (seqs.size() < LINES) {
            Envelope e = source.poll(Duration.ofSeconds(30));
            assertNotNull(e, () -> "nothing new after line " + seqs.size() + ", writer " + writing
                    + "; " + gaps(seqs) + "; files " + files(source));
            seqs.add(Events.seq(e.payload()));
            if (progress != null) {
                progress.release();
            }
        }
        writing.get(30, TimeUnit.SECONDS);
        assertNull(source.poll(Duration.ofMillis(50)), "nothing more");
        return seqs;
    }

    /** Where {@code seqs} leaves the order 0, 1, 2, …: which lines were skipped or repeated. */
    private static String gaps(List<Long> seqs) {
        StringBuilder out = new StringBuilder();
        long expected = 0;
        for (int i = 0; i < seqs.size() && out.length() < 500; i++) {
            long seq = seqs.get(i);
            if (seq != expected) {
                out.append(" at ").append(i).append(": ").append(expected).append(" expected, ").append(seq).append(" read;");
            }
            expected = seq + 1;
        }
        return out.length() == 0 ? "read in order so far" : "out of order:" + out;
    }

    private String files(FileSource source) {
        try (var list = java.nio.file.Files.list(dir)) {
            return list.count() + " in " + dir + ", " + source + ", rotated files lost " + source.rotatedFilesLost();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static void assertEveryLineOnceInOrder(List<Long> seqs) {
        for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i) != i) {
                throw new AssertionError("line " + i + " is seq " + seqs.get(i) + ": "
                        + seqs.subList(Math.max(0, i - 3), Math.min(seqs.size(), i + 3)));
            }
        }
    }

    @RepeatedTest(RUNS)
    void follow_writerRotatingFreely_readsEveryLineOnceInOrder() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Path path = dir.resolve("events.jsonl");
            // about 260 files; none deleted, so the follower can lag as far as it likes
            FileSettings settings = new FileSettings(path, 4096, 1_000, false);
            try (FileSource source = FileSource.open(path, Subscription.all(), new ReadOptions(true, false), CHECK)) {
                CompletableFuture<Void> writing = write(settings, null, 40);
                assertEveryLineOnceInOrder(follow(source, writing, null));
            }
        });
    }

    @RepeatedTest(RUNS)
    void follow_writerDeletingOldFilesWhileReaderKeepsUp_readsEveryLineOnceInOrder() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Path path = dir.resolve("events.jsonl");
            // two files only; a batch stays under max-size, so at most one rotation happens
            // while the follower is behind, and the file it reads is never deleted under it
            FileSettings settings = new FileSettings(path, 8192, 2, false);
            Semaphore progress = new Semaphore(0);
            try (FileSource source = FileSource.open(path, Subscription.all(), new ReadOptions(true, false), CHECK)) {
                CompletableFuture<Void> writing = write(settings, progress, 25);
                assertEveryLineOnceInOrder(follow(source, writing, progress));
            }
        });
    }

    @Test
    void follow_startingOnExistingRotatedFiles_readsThemThenFollows() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Path path = dir.resolve("events.jsonl");
            FileSettings settings = new FileSettings(path, 4096, 1_000, false);
            try (FileSink sink = new FileSink(settings)) {
                sink.publish(Events.batch(0, 100, 199)); // five files already, before the source opens
            }
            try (FileSource source = FileSource.open(path, Subscription.all(), new ReadOptions(true, false), CHECK)) {
                for (long i = 0; i < 100; i++) {
                    assertEquals(i, Events.seq(source.poll(Duration.ofSeconds(30)).payload()));
                }
                try (FileSink sink = new FileSink(settings)) {
                    sink.publish(Events.batch(100, 100, 199));
                }
                for (long i = 100; i < 200; i++) {
                    assertEquals(i, Events.seq(source.poll(Duration.ofSeconds(30)).payload()));
                }
            }
        });
    }
}
