package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.PipelineStats;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.core.testing.RecordingBackend.Mode;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern SOURCE_SEQ = Pattern.compile("\"source\":\"([^\"]*)\",\"seq\":(\\d+)");

    private final StartedEngines engines = new StartedEngines();

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    private Engine start(RecordingBackend backend, String... settings) {
        return engines.start(backend, settings);
    }

    @Test
    void publishes_inOrder_andFlushWaitsForAll() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.batch.size", "64");
        for (int i = 1; i <= 1000; i++) {
            engine.offer(event("s", i, Map.of("i", i)));
        }
        assertTrue(engine.flush(WAIT));
        assertEquals(1000, backend.receivedCount());
        assertEquals(seqs(1, 1000), seqsOf(backend.received(), "s"));
        assertTrue(backend.batchSizes().stream().allMatch(n -> n <= 64), backend.batchSizes().toString());
        PipelineStats s = engine.stats();
        assertEquals(1000, s.offered());
        assertEquals(1000, s.published());
        assertEquals(0, s.dropped());
        assertEquals(0, s.pending());
        Envelope first = backend.received().get(0);
        assertEquals("test.key", first.routingKey());
        assertEquals("s", first.key(), "the key is the event's source id");
        assertEquals(Map.of(Envelope.KIND_HEADER, "test.event"), first.headers());
    }

    @Test
    void partialBatch_isHandedOnAfterFlushInterval() throws InterruptedException {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.flush.interval", "20ms");
        for (int i = 1; i <= 3; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(backend.awaitReceived(3, WAIT), "three events published without a flush call");

        RecordingBackend hourly = new RecordingBackend();
        Engine slow = start(hourly, "telltale.flush.interval", "1h");
        for (int i = 1; i <= 3; i++) {
            slow.offer(event("s", i, Map.of()));
        }
        assertFalse(hourly.awaitReceived(3, Duration.ofMillis(500)),
                "with an interval of an hour, a partial batch waits (it is the interval that sent the first)");
        assertTrue(slow.flush(WAIT));
        assertEquals(3, hourly.receivedCount());
    }

    @Test
    void fullBatch_isHandedOnWithoutWaitingForTheInterval() throws InterruptedException {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.flush.interval", "1h", "telltale.batch.size", "10");
        for (int i = 1; i <= 10; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(backend.awaitReceived(10, WAIT), "a full batch wakes the publisher long before one hour");
    }

    @Test
    void backendsPreferredBatchSize_isUsedWhenUnset_andAnExplicitSettingWins() {
        RecordingBackend prefers = new RecordingBackend().preferBatchSize(5);
        Engine engine = start(prefers, "telltale.flush.interval", "1h");
        for (int i = 1; i <= 12; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(engine.flush(WAIT));
        assertEquals(5, prefers.batchSizes().get(0), prefers.batchSizes().toString());
        assertTrue(prefers.batchSizes().stream().allMatch(n -> n <= 5), prefers.batchSizes().toString());

        RecordingBackend overridden = new RecordingBackend().preferBatchSize(5);
        Engine explicit = start(overridden, "telltale.flush.interval", "1h", "telltale.batch.size", "3");
        for (int i = 1; i <= 12; i++) {
            explicit.offer(event("s", i, Map.of()));
        }
        assertTrue(explicit.flush(WAIT));
        assertEquals(3, overridden.batchSizes().get(0), overridden.batchSizes().toString());
        assertTrue(overridden.batchSizes().stream().allMatch(n -> n <= 3), overridden.batchSizes().toString());
    }

    @Test
    void batchAsLargeAsTheQueue_publisherIsWokenAtHalfTheQueue_beforeAnythingIsDropped() throws InterruptedException {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.flush.interval", "1h", "telltale.queue.capacity", "100",
                "telltale.batch.size", "100");
        for (int i = 1; i <= 50; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(backend.awaitReceived(50, WAIT), "half a queue wakes the publisher long before one hour");
        assertEquals(0, engine.stats().dropped());
    }

    @Test
    void blockedBackend_producersNeverBlock_oldestAreDropped_andCountsAreExact() throws Exception {
        RecordingBackend backend = new RecordingBackend().mode(Mode.BLOCK);
        Engine engine = start(backend, "telltale.queue.capacity", "100", "telltale.batch.size", "10",
                "telltale.flush.interval", "10ms");
        engine.offer(event("s", 1, Map.of()));
        assertTrue(backend.awaitBlocked(WAIT), "the publisher is stuck in the backend with event 1");

        int more = 20_000;
        assertTimeoutPreemptively(WAIT, () -> {
            for (int i = 2; i <= more + 1; i++) {
                engine.offer(event("s", i, Map.of()));
            }
        }, "offering never waits for a stuck backend");

        PipelineStats stuck = engine.stats();
        assertEquals(more + 1, stuck.offered());
        assertEquals(0, stuck.published());
        assertEquals(100, stuck.queueDepth());
        assertEquals(101, stuck.pending(), "100 queued + 1 held by the backend");
        assertEquals(more + 1 - 101, stuck.droppedQueueFull());

        backend.mode(Mode.ACCEPT);
        assertTrue(engine.flush(WAIT));
        List<Long> expected = new ArrayList<>(List.of(1L));
        expected.addAll(seqs(more + 2 - 100, more + 1));
        assertEquals(expected, seqsOf(backend.received(), "s"), "the oldest were dropped, the newest 100 kept");
        PipelineStats after = engine.stats();
        assertEquals(101, after.published());
        assertEquals(more + 1 - 101, after.droppedQueueFull());
        assertEquals(0, after.pending());
    }

    /**
     * Producers never wait for the backend, whatever it does: with the publisher held inside the
     * backend (on a latch) or in an hour's backoff after a failure or a throw, 50,000 offers all
     * return while it is still held, and the counts balance exactly, then and after close.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"stuck", "failing", "throwing"})
    void backendHeldInACallOrBackingOff_offersReturnAnyway_andCountsBalance(String behaviour) throws Exception {
        RecordingBackend backend = new RecordingBackend();
        switch (behaviour) {
            case "stuck" -> backend.mode(Mode.BLOCK);
            case "failing" -> backend.mode(Mode.FAIL);
            default -> backend.mode(Mode.THROW_RUNTIME);
        }
        try (LogCapture log = new LogCapture()) {
            Engine engine = start(backend, "telltale.queue.capacity", "1000", "telltale.batch.size", "100",
                    "telltale.flush.interval", "10ms", "telltale.retry.attempts", "2", "telltale.retry.backoff", "1h",
                    "telltale.retry.max-backoff", "1h", "telltale.flush.timeout", "100ms");
            engine.offer(event("s", 1, Map.of("i", 1)));
            Await.until(() -> backend.publishCalls() == 1, WAIT, () -> "the publisher's first call into the backend");

            int n = 50_000;
            for (int i = 2; i <= n; i++) {
                engine.offer(event("s", i, Map.of("i", i)));
                if (i % 10_000 == 0) {
                    PipelineStats s = engine.stats();
                    assertEquals(s.offered(), s.published() + s.dropped() + s.pending(), s.toString());
                }
            }
            assertEquals(1, backend.publishCalls(), behaviour + ": every offer returned while the publisher was held");
            assertEquals(0, backend.receivedCount());
            PipelineStats held = engine.stats();
            assertEquals(n, held.offered());
            assertEquals(1001, held.pending(), "a full queue and the one event the publisher holds: " + held);
            assertEquals(n - 1001, held.droppedQueueFull(), held.toString());

            backend.mode(Mode.ACCEPT);
            engine.close();
            PipelineStats s = engine.stats();
            assertEquals(n, s.offered());
            assertEquals(0, s.pending(), s.toString());
            assertEquals(n, s.published() + s.dropped(), s.toString());
        }
    }

    @Test
    void backendSelection_fileIsPreferred_theOnlyOneIsTaken_severalWithoutFileMeanJfrOnly() {
        RecordingBackend memory = new RecordingBackend("memory");
        RecordingBackend file = new RecordingBackend("file");
        RecordingBackend other = new RecordingBackend("other");
        assertEquals("file", Backends.of(List.of(memory, file, other), m -> { }).byDefault().name());
        assertEquals("memory", Backends.of(List.of(memory), m -> { }).byDefault().name());
        assertEquals(null, Backends.of(List.of(memory, other), m -> { }).byDefault());
        try (LogCapture log = new LogCapture()) {
            Engine engine = CoreEngine.start(Map.of("telltale.health.interval", "0"), false, false,
                    Backends.of(List.of(memory, other), m -> { }));
            engines.add(engine);
            assertEquals("none", engine.stats().backend());
            assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains(
                    "no backend chosen among memory, other, or none for JFR only (set telltale.backend); events go to JFR only")),
                    log.all().toString());
            engine.offer(event("s", 1, Map.of()));
            assertEquals(0, memory.publishCalls() + other.publishCalls());
        }
    }

    @Test
    void failingBackend_dropsAfterRetries_warnsOnce_thenRecovers() throws Exception {
        RecordingBackend backend = new RecordingBackend().mode(Mode.FAIL);
        try (LogCapture log = new LogCapture()) {
            Engine engine = start(backend, "telltale.batch.size", "10", "telltale.retry.attempts", "2",
                    "telltale.retry.backoff", "1ms", "telltale.retry.max-backoff", "4ms");
            for (int i = 1; i <= 50; i++) {
                engine.offer(event("s", i, Map.of()));
            }
            assertTrue(engine.flush(WAIT));
            PipelineStats s = engine.stats();
            assertEquals(50, s.droppedBackendError());
            assertEquals(0, s.published());
            assertEquals(10, backend.publishCalls(), "5 batches x 2 attempts");
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("backend 'recording' failed: java.io.IOException: backend down (test)"),
                    warnings.get(0));

            backend.mode(Mode.ACCEPT);
            for (int i = 51; i <= 55; i++) {
                engine.offer(event("s", i, Map.of()));
            }
            assertTrue(engine.flush(WAIT));
            assertEquals(seqs(51, 55), seqsOf(backend.received(), "s"));
            assertEquals(5, engine.stats().published());
            assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("is publishing again")), log.all().toString());
        }
    }

    @Test
    void throwingBackend_runtimeExceptionsAndErrors_areBackendFailures_notTheEndOfThePublisher() {
        RecordingBackend backend = new RecordingBackend().mode(Mode.THROW_RUNTIME);
        try (LogCapture log = new LogCapture()) {
            Engine engine = start(backend, "telltale.retry.attempts", "1", "telltale.retry.backoff", "0",
                    "telltale.retry.max-backoff", "0");
            engine.offer(event("s", 1, Map.of()));
            assertTrue(engine.flush(WAIT));
            backend.mode(Mode.THROW_ERROR);
            engine.offer(event("s", 2, Map.of()));
            assertTrue(engine.flush(WAIT));
            backend.mode(Mode.THROW_LINKAGE);
            engine.offer(event("s", 3, Map.of()));
            assertTrue(engine.flush(WAIT));
            backend.mode(Mode.ACCEPT);
            engine.offer(event("s", 4, Map.of()));
            assertTrue(engine.flush(WAIT));
            assertEquals(3, engine.stats().droppedBackendError());
            assertEquals(List.of(4L), seqsOf(backend.received(), "s"));
            assertTrue(log.all().stream().anyMatch(m -> m.contains("IllegalStateException: bug in backend (test)")),
                    log.all().toString());
        }
    }

    @Test
    void openFailures_areRetried_andEventsWaitInTheQueue() throws InterruptedException {
        RecordingBackend backend = new RecordingBackend().failOpens(3);
        Engine engine = start(backend, "telltale.retry.attempts", "10", "telltale.retry.backoff", "1ms",
                "telltale.retry.max-backoff", "2ms");
        engine.offer(event("s", 1, Map.of()));
        assertTrue(engine.flush(WAIT));
        assertEquals(4, backend.openCalls());
        assertEquals(1, engine.stats().published());
    }

    @Test
    void refusedEnvelopes_areCountedAsTooLarge_andTheRestPublished() {
        RecordingBackend backend = new RecordingBackend().refuseTooLarge(1);
        Engine engine = start(backend, "telltale.batch.size", "5", "telltale.flush.interval", "1h");
        for (int i = 1; i <= 10; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(engine.flush(WAIT));
        PipelineStats s = engine.stats();
        assertEquals(2, s.droppedTooLarge(), "the first envelope of each of two batches");
        assertEquals(8, s.published());
        assertEquals(0, s.pending());
    }

    @Test
    void eventWhoseMetadataExceedsMaxBytes_isDroppedTooLarge() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.event.max-bytes", "1KiB");
        engine.offer(event("k", "r".repeat(2000), "s", 1, Map.of()));
        engine.offer(event("s", 2, Map.of()));
        assertTrue(engine.flush(WAIT));
        assertEquals(1, engine.stats().droppedTooLarge());
        assertEquals(List.of(2L), seqsOf(backend.received(), "s"));
    }

    @Test
    void close_publishesWhatIsQueued_andClosesTheSink() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend, "telltale.flush.interval", "1h");
        for (int i = 1; i <= 500; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        engine.close();
        assertEquals(500, backend.receivedCount());
        PipelineStats s = engine.stats();
        assertEquals(500, s.published());
        assertEquals(0, s.pending());
        assertEquals(1, backend.closeCalls());
    }

    @Test
    void close_withStuckBackend_returnsWithinTheTimeout_andCountsTheRestAsShutdown() throws Exception {
        RecordingBackend backend = new RecordingBackend().mode(Mode.BLOCK);
        Engine engine = start(backend, "telltale.flush.timeout", "200ms", "telltale.batch.size", "10",
                "telltale.flush.interval", "10ms");
        for (int i = 1; i <= 50; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(backend.awaitBlocked(WAIT));
        assertTimeoutPreemptively(Duration.ofSeconds(5), engine::close, "close is bounded by the flush timeout");
        PipelineStats s = engine.stats();
        assertEquals(50, s.droppedShutdown());
        assertEquals(0, s.published());
        assertEquals(0, s.pending());

        backend.mode(Mode.ACCEPT); // the stuck publish returns late: it must not be counted twice
        Await.until(() -> backend.closeCalls() == 1, WAIT, () -> "the publisher to close the sink");
        assertEquals(s, engine.stats());
    }

    @Test
    void offersAfterClose_areCountedAsShutdown() {
        RecordingBackend backend = new RecordingBackend();
        Engine engine = start(backend);
        engine.close();
        engine.offer(event("s", 1, Map.of()));
        PipelineStats s = engine.stats();
        assertEquals(1, s.offered());
        assertEquals(1, s.droppedShutdown());
        assertEquals(0, s.pending());
    }

    @Test
    void eventsFromTelltalesOwnThreads_areSuppressed_soBackendLogsCannotLoop() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        Engine[] self = new Engine[1];
        // the backend "logs" on every publish, and a log bridge turns that into an event
        backend.onPublish(batch -> self[0].offer(event("bridge", 1, Map.of("log", "published " + batch.size()))));
        Engine engine = start(backend);
        self[0] = engine;
        engine.offer(event("s", 1, Map.of()));
        assertTrue(engine.flush(WAIT));

        Thread made = backend.lastConfig().threadFactory("client").newThread(() -> engine.offer(event("t", 1, Map.of())));
        assertTrue(made.isDaemon());
        assertTrue(made.getName().startsWith("telltale-client-"), made.getName());
        made.start();
        made.join();
        backend.lastConfig().internalThreads("acme-io-");
        Thread named = new Thread(() -> engine.offer(event("n", 1, Map.of())), "acme-io-7");
        named.start();
        named.join();

        assertTrue(engine.flush(WAIT));
        PipelineStats s = engine.stats();
        assertEquals(3, s.suppressed(), "bridge, factory-made thread, declared prefix");
        assertEquals(1, s.offered());
        assertEquals(List.of(1L), seqsOf(backend.received(), "s"));
        assertEquals(1, backend.receivedCount());
    }

    @Test
    void concurrentProducers_accountingBalancesExactly_andEachSourceStaysInOrder() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        backend.onPublish(batch -> {
            try {
                Thread.sleep(1); // a slow backend, so that the small queue overflows
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Engine engine = start(backend, "telltale.queue.capacity", "512", "telltale.batch.size", "128");
        int producers = 4;
        int each = 50_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            String source = "p" + p;
            threads.add(new Thread(() -> {
                for (int i = 1; i <= each; i++) {
                    engine.offer(event(source, i, Map.of("i", i)));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(engine.flush(Duration.ofSeconds(30)));
        PipelineStats s = engine.stats();
        int received = backend.receivedCount();
        assertEquals(producers * each, s.offered());
        assertEquals(received, s.published());
        assertEquals(producers * each - received, s.droppedQueueFull());
        assertEquals(s.offered(), s.published() + s.dropped());
        assertEquals(0, s.pending());
        assertTrue(s.droppedQueueFull() > 0, "the test must overflow the queue");
        for (int p = 0; p < producers; p++) {
            List<Long> seqs = seqsOf(backend.received(), "p" + p);
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), "p" + p + " out of order at " + i);
            }
        }
    }

    @Test
    void noBackend_meansJfrOnly() {
        Engine engine = CoreEngine.start(Map.of("telltale.backend", "none"), false, false, Backends.of(List.of(), m -> { }));
        engines.add(engine);
        engine.offer(event("s", 1, Map.of()));
        assertEquals("none", engine.stats().backend());
        assertTrue(engine.flush(Duration.ZERO));
        assertEquals(0, engine.stats().dropped());
    }

    static List<Long> seqs(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    /** The sequence numbers of {@code source}'s events, in the order received. */
    static List<Long> seqsOf(List<Envelope> envelopes, String source) {
        List<Long> out = new ArrayList<>();
        for (Envelope e : envelopes) {
            Matcher m = SOURCE_SEQ.matcher(new String(e.payload(), StandardCharsets.UTF_8));
            if (m.find() && m.group(1).equals(source)) {
                out.add(Long.parseLong(m.group(2)));
            }
        }
        return out;
    }
}
