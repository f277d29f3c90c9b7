package dev.telltale.core.testing.contract;

import static dev.telltale.core.testing.contract.ContractEnvelopes.batch;
import static dev.telltale.core.testing.contract.ContractEnvelopes.envelope;
import static dev.telltale.core.testing.contract.ContractEnvelopes.read;
import static dev.telltale.core.testing.contract.ContractEnvelopes.seqsBySource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.PipelineStats;
import dev.telltale.core.Backends;
import dev.telltale.core.CoreBackendConfig;
import dev.telltale.core.CoreEngine;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.TestEvents;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Backend;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.spi.TopicPattern;
import dev.telltale.tool.BackendSources;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of the backend SPI ({@code dev.telltale.spi}), run against a real backend: one
 * abstract class, one small subclass per backend (after JCTools' {@code QueueSanityTest}). A new
 * backend extends it, names its settings, and answers the capability methods below where its
 * documented semantics differ; everything else is the same for every backend.
 *
 * <p>What every backend must do:
 * <ul>
 *   <li>be found by {@link ServiceLoader} on the class path, under a lower-case name, with every
 *       key and option under {@code telltale.<name>.}, each declared once;
 *   <li>{@code publish} returns an outcome whose counts match the batch (all published, or the
 *       too-large ones counted), and what it published is read back: every envelope, each
 *       source's in order, with its routing key and payload (and its headers and key where the
 *       backend carries them);
 *   <li>under the real pipeline, a {@code publish} that throws is retried and the counts stay
 *       exact ({@code offered = published + dropped + pending}); one that keeps throwing is
 *       counted as {@code backend-error}; after a {@code PartialPublishException} only the
 *       unsettled rest reaches the backend again, and every event arrives once; an event over
 *       the backend's size limit is counted {@code too-large};
 *   <li>{@code readyToRetry} is false while nothing has failed;
 *   <li>{@code Sink.close} is idempotent and bounded; a {@code publish} after it throws {@link
 *       IllegalStateException} and sends nothing;
 *   <li>{@code Source.poll} waits out its timeout when nothing comes, without spinning, returns at
 *       once for a zero timeout, and returns null promptly once the source is closed from another
 *       thread, or throws {@link InterruptedException} when its thread is interrupted; {@code
 *       close} is idempotent and the source then {@linkplain Source#ended() ends}; any timeout
 *       is accepted, and one too long to count in nanoseconds waits as long as it takes;
 *   <li>a subscription's patterns select what is returned; an unknown option fails opening with
 *       an {@code IllegalArgumentException} naming it, and every option's declared default is
 *       accepted;
 *   <li>a consumer that stops and comes back loses nothing it was not handed (at least once), as
 *       {@link #resume()} says.
 * </ul>
 *
 * <p>Subclasses make each test's destination unique (a directory, an exchange, a topic) in their
 * own {@code @BeforeEach}; this class closes every sink, source and pipeline it opened after
 * each test, then calls {@link #cleanUp()}.
 */
@Timeout(120)
public abstract class BackendContract {

    /** The longest any read-back or flush waits. */
    protected static final Duration WAIT = Duration.ofSeconds(30);
    /** How long to keep polling for something that must not come. */
    private static final Duration QUIET = Duration.ofMillis(500);
    /** A bound for what must be quick (a close, a zero-timeout poll), generous for a loaded machine. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    /** The longest timeout there is, too long to count in nanoseconds: "as long as it takes". */
    private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE);

    /** How a source opened again with {@link #resumableOptions()} after another stopped starts. */
    public enum Resume {
        /** From the beginning of what the backend keeps: everything again (files, Kafka from earliest). */
        REPLAYS_EVERYTHING,
        /**
         * Right after what the stopped consumer was handed: nothing handed on comes again, nothing
         * else is lost (a durable AMQP queue, a Kafka group).
         */
        CONTINUES_AFTER_HANDED_ON
    }

    private final List<Sink> sinks = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private final List<Engine> engines = new ArrayList<>();

    // ---- what a backend's subclass says ----

    /** A new instance of the backend under test. */
    protected abstract Backend backend();

    /** The settings of this test's sink and source ({@code telltale.<name>.*}), unique to the test. */
    protected abstract Map<String, String> settings();

    /**
     * Subscription options for a live source: one opened before publishing returns what is
     * published after. Default none.
     */
    protected Map<String, String> liveOptions() {
        return Map.of();
    }

    /**
     * Subscription options for a source that may be closed and opened again with the same options
     * without losing what was published meanwhile or not yet handed on; also live.
     */
    protected abstract Map<String, String> resumableOptions();

    /** Where a source opened again with {@link #resumableOptions()} starts. */
    protected abstract Resume resume();

    /** Whether the consuming side returns the headers published (true), or empty headers (a file keeps only payloads). */
    protected boolean readsHeaders() {
        return true;
    }

    /** Whether the consuming side returns the envelope's key (Kafka's record key), or {@code ""}. */
    protected boolean readsKeys() {
        return false;
    }

    /**
     * Settings, added to {@link #settings()}, under which the backend refuses a 4 KiB payload as
     * too large and takes one of a few hundred bytes; null (the default) for a backend that takes
     * any size, which the contract then checks instead.
     */
    protected Map<String, String> tooLargeSettings() {
        return null;
    }

    /** Called after each test, once everything opened is closed: delete queues, exchanges... */
    protected void cleanUp() throws Exception {
    }

    // ---- opening ----

    /** Opens a sink over the settings (and {@code more}), closed after the test. */
    protected final Sink openSink(Map<String, String> more) throws Exception {
        Backend backend = backend();
        Map<String, String> all = new HashMap<>(settings());
        all.putAll(more);
        Sink sink = backend.openSink(CoreBackendConfig.resolve(backend, all));
        sinks.add(sink);
        return sink;
    }

    /** Opens a source as the monitor does, closed after the test. */
    protected final Source openSource(List<String> patterns, Map<String, String> options) throws Exception {
        Backend backend = backend();
        Source source = BackendSources.open(backend, CoreBackendConfig.resolve(backend, settings()),
                new Subscription(patterns.stream().map(TopicPattern::of).toList(), options));
        sources.add(source);
        return source;
    }

    private Engine startPipeline(Backend backend, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(settings());
        all.put("telltale.backend", backend.name());
        all.put("telltale.health.interval", "0");
        all.put("telltale.flush.interval", "20ms");
        all.put("telltale.retry.backoff", "1ms");
        all.put("telltale.retry.max-backoff", "10ms");
        all.putAll(more);
        Engine engine = CoreEngine.start(all, false, false, Backends.of(List.of(backend), problem -> {
            throw new AssertionError(problem);
        }));
        engines.add(engine);
        return engine;
    }

    @AfterEach
    final void closeEverything() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (Source source : sources) {
            try {
                source.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        for (Sink sink : sinks) {
            try {
                sink.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        engines.forEach(Engine::close);
        cleanUp();
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    // ---- declaring ----

    @Test
    void serviceLoader_onTheClassPath_findsTheBackendOnce_underItsName() {
        Backend backend = backend();
        List<Backend> found = ServiceLoader.load(Backend.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.getClass() == backend.getClass()).toList();
        assertEquals(1, found.size(), found.toString());
        assertEquals(backend.name(), found.get(0).name());
    }

    @Test
    void declaration_nameLowerCase_everyKeyAndOptionUnderItsPrefixOnce() {
        Backend backend = backend();
        assertTrue(backend.name().matches("[a-z][a-z0-9-]*"), backend.name());
        String prefix = "telltale." + backend.name() + ".";
        Set<String> names = new HashSet<>();
        for (ConfigKey key : backend.keys()) {
            assertTrue(key.name().startsWith(prefix) && names.add(key.name()), "key " + key.name());
        }
        for (ConfigKey option : backend.subscriptionOptions()) {
            assertTrue(option.name().startsWith(prefix) && names.add(option.name()), "option " + option.name());
        }
        assertTrue(backend.preferredBatchSize() >= 0, "preferredBatchSize " + backend.preferredBatchSize());
    }

    @Test
    void openSource_unknownOption_throwsIllegalArgumentNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> openSource(List.of(), Map.of("no-such-option", "1")));
        assertTrue(e.getMessage().contains("no-such-option"), e.getMessage());
    }

    @Test
    void openSource_everyOptionGivenItsDeclaredDefault_opensAndReads() throws Exception {
        Map<String, String> options = new HashMap<>();
        for (ConfigKey option : backend().subscriptionOptions()) {
            options.put(option.name(), option.defaultValue());
        }
        String prefix = "telltale." + backend().name() + ".";
        // what a live source needs on this backend, by full name, over the defaults
        liveOptions().forEach((name, value) -> options.put(name.startsWith(prefix) ? name : prefix + name, value));

        Source source = openSource(List.of(), options);

        Sink sink = openSink(Map.of());
        assertEquals(0, sink.publish(List.of(envelope("contract.defaults", "s0", 1, 8))).refused());
        assertEquals(Map.of("s0", seqs(1)), seqsBySource(read(source, 1, WAIT)));
    }

    // ---- publishing and reading back ----

    @Test
    void publish_batch_allPublished_andReadBackInOrderPerSource_withRoutingKeysAndPayloads() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        Sink sink = openSink(Map.of());
        List<Envelope> batch = batch("contract.order", 3, 10);

        Sink.Outcome outcome = sink.publish(batch);

        assertEquals(0, outcome.refused(), outcome.toString());
        List<Envelope> read = read(source, batch.size(), WAIT);
        assertEquals(batch.size(), read.size(), "read back: " + read);
        assertEquals(Map.of("s0", seqs(10), "s1", seqs(10), "s2", seqs(10)), seqsBySource(read));
        Map<String, Envelope> published = bySourceAndSeq(batch);
        for (Envelope got : read) {
            Envelope sent = published.get(ContractEnvelopes.source(got) + "/" + ContractEnvelopes.seq(got));
            assertEquals(sent.routingKey(), got.routingKey());
            assertArrayEquals(sent.payload(), got.payload());
            assertEquals(readsKeys() ? sent.key() : "", got.key());
            if (readsHeaders()) {
                assertTrue(got.headers().entrySet().containsAll(sent.headers().entrySet()), got.headers().toString());
            } else {
                assertEquals(Map.of(), got.headers());
            }
        }
        assertEquals(List.of(), read(source, 1, QUIET), "nothing more");
    }

    @Test
    void publish_severalBatches_eachOutcomeAllPublished_andSourcesKeepTheirOrderAcrossBatches() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        Sink sink = openSink(Map.of());
        List<Envelope> all = batch("contract.batches", 2, 12);

        for (int from = 0; from < all.size(); from += 5) {
            assertEquals(0, sink.publish(all.subList(from, Math.min(all.size(), from + 5))).refused());
        }

        assertEquals(Map.of("s0", seqs(12), "s1", seqs(12)), seqsBySource(read(source, all.size(), WAIT)));
    }

    @Test
    void publish_envelopeOverTheBackendsLimit_isCountedTooLarge_andTheRestPublished() throws Exception {
        Map<String, String> limit = tooLargeSettings();
        Source source = openSource(List.of(), liveOptions());
        Sink sink = openSink(limit == null ? Map.of() : limit);
        List<Envelope> batch = List.of(envelope("contract.size", "s0", 1, 100), envelope("contract.size", "s0", 2, 4096),
                envelope("contract.size", "s0", 3, 100));

        Sink.Outcome outcome = sink.publish(batch);

        if (limit == null) { // this backend takes any size
            assertEquals(0, outcome.refused(), outcome.toString());
            assertEquals(Map.of("s0", seqs(3)), seqsBySource(read(source, 3, WAIT)));
        } else {
            assertEquals(1, outcome.tooLarge(), outcome.toString());
            assertEquals(0, outcome.failed(), outcome.toString());
            assertTrue(outcome.reason() != null && !outcome.reason().isBlank(), "a reason for the log");
            assertEquals(Map.of("s0", List.of(1L, 3L)), seqsBySource(read(source, 2, WAIT)));
            assertEquals(List.of(), read(source, 1, QUIET), "the large one is not sent");
        }
    }

    @Test
    void subscription_patterns_onlyMatchingRoutingKeysAreReturned() throws Exception {
        Source source = openSource(List.of("contract.wanted.#"), liveOptions());
        Sink sink = openSink(Map.of());
        List<Envelope> batch = List.of(envelope("contract.other", "s0", 1, 8), envelope("contract.wanted", "s0", 2, 8),
                envelope("contract.wanted.a.b", "s0", 3, 8), envelope("contract", "s0", 4, 8),
                envelope("contract.wanted.c", "s0", 5, 8));

        assertEquals(0, sink.publish(batch).refused());

        List<Envelope> read = read(source, 3, WAIT);
        assertEquals(List.of("contract.wanted", "contract.wanted.a.b", "contract.wanted.c"),
                read.stream().map(Envelope::routingKey).toList());
        assertEquals(List.of(), read(source, 1, QUIET), "nothing unwanted");
    }

    // ---- under the real pipeline ----

    @Test
    void pipeline_publishThrowsTwice_batchIsRetried_everyEventPublishedOnce_countsExact() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        ThrowingBackend backend = new ThrowingBackend(backend(), 2);
        Engine engine = startPipeline(backend, Map.of("telltale.retry.attempts", "5"));
        for (int seq = 1; seq <= 10; seq++) {
            for (int s = 0; s < 2; s++) {
                engine.offer(TestEvents.event("contract.event", "contract.retry", "p" + s, seq, Map.of("n", seq)));
            }
        }

        assertTrue(engine.flush(WAIT), engine.stats().toString());

        PipelineStats stats = engine.stats();
        assertEquals(2, backend.thrown());
        assertEquals(20, stats.offered(), stats.toString());
        assertEquals(20, stats.published(), stats.toString());
        assertEquals(0, stats.dropped(), stats.toString());
        assertEquals(stats.offered(), stats.published() + stats.dropped() + stats.pending(), stats.toString());
        assertEquals(Map.of("p0", seqs(10), "p1", seqs(10)), seqsBySource(read(source, 20, WAIT)));
        assertEquals(List.of(), read(source, 1, QUIET), "the failed attempts sent nothing twice");
    }

    @Test
    void pipeline_partialPublish_onlyTheRestIsRetried_everyEventPublishedOnce_countsExact() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        ThrowingBackend backend = ThrowingBackend.settlingHalf(backend(), 1);
        // one batch of all 20: a full batch is handed over at once, nothing waits for the interval
        Engine engine = startPipeline(backend, Map.of("telltale.batch.size", "20", "telltale.flush.interval", "1h"));
        for (int seq = 1; seq <= 10; seq++) {
            for (int s = 0; s < 2; s++) {
                engine.offer(TestEvents.event("contract.event", "contract.partial", "p" + s, seq, Map.of("n", seq)));
            }
        }

        assertTrue(engine.flush(WAIT), engine.stats().toString());

        PipelineStats stats = engine.stats();
        assertEquals(1, backend.thrown());
        assertEquals(2, backend.calls(), "the settled half is not sent again");
        assertEquals(20, stats.published(), stats.toString());
        assertEquals(0, stats.dropped(), stats.toString());
        assertEquals(stats.offered(), stats.published() + stats.dropped() + stats.pending(), stats.toString());
        assertEquals(Map.of("p0", seqs(10), "p1", seqs(10)), seqsBySource(read(source, 20, WAIT)));
        assertEquals(List.of(), read(source, 1, QUIET), "each event once");
    }

    @Test
    void readyToRetry_nothingFailed_isFalse() throws Exception {
        Sink sink = openSink(Map.of());
        assertFalse(sink.readyToRetry(), "before any publish");
        assertEquals(0, sink.publish(List.of(envelope("contract.ready", "s0", 1, 8))).refused());
        assertFalse(sink.readyToRetry(), "after a publish that succeeded");
    }

    @Test
    void pipeline_publishKeepsThrowing_batchDroppedAsBackendError_countsExact() {
        ThrowingBackend backend = new ThrowingBackend(backend(), Integer.MAX_VALUE);
        Engine engine = startPipeline(backend, Map.of("telltale.retry.attempts", "3", "telltale.batch.size", "100"));
        for (int seq = 1; seq <= 7; seq++) {
            engine.offer(TestEvents.event("contract.event", "contract.failing", "p0", seq, Map.of()));
        }

        assertTrue(engine.flush(WAIT), engine.stats().toString());

        PipelineStats stats = engine.stats();
        assertEquals(7, stats.offered(), stats.toString());
        assertEquals(0, stats.published(), stats.toString());
        assertEquals(7, stats.droppedBackendError(), stats.toString());
        assertEquals(stats.offered(), stats.published() + stats.dropped() + stats.pending(), stats.toString());
        assertTrue(backend.calls() >= 3 && backend.calls() % 3 == 0, "3 attempts per batch: " + backend.calls());
    }

    @Test
    void pipeline_eventOverTheBackendsLimit_isCountedTooLarge_countsExact() throws Exception {
        Map<String, String> limit = tooLargeSettings();
        Source source = openSource(List.of(), liveOptions());
        Engine engine = startPipeline(backend(), limit == null ? Map.of() : limit);
        engine.offer(TestEvents.event("contract.event", "contract.big", "p0", 1, Map.of("pad", "x")));
        engine.offer(TestEvents.event("contract.event", "contract.big", "p0", 2, Map.of("pad", "x".repeat(4096))));
        engine.offer(TestEvents.event("contract.event", "contract.big", "p0", 3, Map.of("pad", "x")));

        assertTrue(engine.flush(WAIT), engine.stats().toString());

        PipelineStats stats = engine.stats();
        assertEquals(3, stats.offered(), stats.toString());
        assertEquals(limit == null ? 0 : 1, stats.droppedTooLarge(), stats.toString());
        assertEquals(limit == null ? 3 : 2, stats.published(), stats.toString());
        assertEquals(stats.offered(), stats.published() + stats.dropped() + stats.pending(), stats.toString());
        List<Long> expected = limit == null ? seqs(3) : List.of(1L, 3L);
        assertEquals(Map.of("p0", expected), seqsBySource(read(source, expected.size(), WAIT)));
    }

    // ---- closing the sink ----

    @Test
    void sinkClose_twice_isIdempotentAndBounded() throws Exception {
        Sink sink = openSink(Map.of());
        assertEquals(0, sink.publish(List.of(envelope("contract.close", "s0", 1, 8))).refused());

        assertTimeoutPreemptively(GENEROUS, () -> {
            sink.close();
            sink.close();
        });
    }

    @Test
    void publish_afterClose_throwsIllegalStateException_andSendsNothing() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        Sink sink = openSink(Map.of());
        assertEquals(0, sink.publish(List.of(envelope("contract.closed", "s0", 1, 8))).refused());
        assertEquals(1, read(source, 1, WAIT).size());
        sink.close();

        assertThrows(IllegalStateException.class, () -> sink.publish(List.of(envelope("contract.closed", "s0", 2, 8))));

        assertEquals(List.of(), read(source, 1, QUIET), "nothing sent after close");
    }

    // ---- polling ----

    @Test
    void poll_nothingPublished_waitsOutItsTimeout_withoutSpinning() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        assertNull(source.poll(Duration.ofMillis(100))); // the first poll may set things up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isCurrentThreadCpuTimeSupported(), "needs the thread's CPU time");
        Duration timeout = Duration.ofSeconds(1);

        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Envelope got = source.poll(timeout);
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;

        assertNull(got);
        assertFalse(source.ended(), "a live source ends only when closed");
        assertTrue(elapsed >= timeout.toNanos() - TimeUnit.MILLISECONDS.toNanos(20), "waited out the timeout: " + elapsed + "ns");
        assertTrue(elapsed < timeout.plus(GENEROUS).toNanos(), "returned after its timeout: " + elapsed + "ns");
        assertTrue(cpu < elapsed / 2, "waited without spinning: " + cpu + "ns of CPU in " + elapsed + "ns");
    }

    @Test
    void poll_zeroTimeout_returnsWithoutWaiting() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        assertTimeoutPreemptively(GENEROUS, () -> assertNull(source.poll(Duration.ZERO)));
        assertEquals("", source.position(), "no position before the first envelope");
    }

    @Test
    void sourceClose_fromAnotherThread_endsAWaitingPoll_andIsIdempotent() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        CompletableFuture<Envelope> poll = new CompletableFuture<>();
        pollerWaiting(source, poll);

        source.close();

        assertNull(poll.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(source.ended());
        assertNull(source.poll(Duration.ofSeconds(1)));
        source.close();
        assertTrue(source.ended());
    }

    @Test
    void poll_interruptedWhileWaiting_throwsInterruptedException() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        CompletableFuture<Envelope> poll = new CompletableFuture<>();
        Thread poller = pollerWaiting(source, poll);

        poller.interrupt();

        ExecutionException e = assertThrows(ExecutionException.class, () -> poll.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
    }

    @Test
    void poll_longestTimeout_returnsWhatIsPublished() throws Exception {
        Source source = openSource(List.of(), liveOptions());
        Sink sink = openSink(Map.of());
        assertEquals(0, sink.publish(List.of(envelope("contract.forever", "s0", 1, 8))).refused());

        Envelope got = source.poll(LONGEST); // the class's @Timeout bounds it

        assertEquals("contract.forever", got.routingKey());
        assertEquals(1, ContractEnvelopes.seq(got));
    }

    /**
     * Starts a thread polling {@code source} with the longest timeout there is into {@code poll},
     * and waits until it is inside {@code poll}.
     */
    private static Thread pollerWaiting(Source source, CompletableFuture<Envelope> poll) {
        Thread poller = new Thread(() -> {
            try {
                poll.complete(source.poll(LONGEST));
            } catch (Throwable t) {
                poll.completeExceptionally(t);
            }
        }, "contract-poller");
        poller.setDaemon(true);
        poller.start();
        Await.until(() -> inPoll(poller, source) || poll.isDone(), WAIT, () -> "the poller inside " + source + ".poll");
        assertFalse(poll.isDone(), "poll returned with nothing published: " + poll);
        return poller;
    }

    // ---- at least once ----

    @Test
    void resume_consumerStopsAfterPartOfTheEvents_nothingItWasNotHandedIsLost() throws Exception {
        Source first = openSource(List.of(), resumableOptions());
        Sink sink = openSink(Map.of());
        List<Envelope> batch = batch("contract.resume", 1, 10);
        assertEquals(0, sink.publish(batch).refused());
        assertEquals(seqs(4), seqsBySource(read(first, 4, WAIT)).get("s0"));
        first.close();

        Source second = openSource(List.of(), resumableOptions());

        List<Long> expected = resume() == Resume.REPLAYS_EVERYTHING ? seqs(10) : List.of(5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(Map.of("s0", expected), seqsBySource(read(second, expected.size(), WAIT)));
        assertEquals(List.of(), read(second, 1, QUIET), "nothing more: " + resume());
    }

    // ---- helpers ----

    private static List<Long> seqs(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 1; i <= n; i++) {
            out.add(i);
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether {@code thread} is inside {@code source}'s own {@code poll} (waiting there, or about to). */
    private static boolean inPoll(Thread thread, Source source) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(source.getClass().getName()) && frame.getMethodName().equals("poll")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Envelope> bySourceAndSeq(List<Envelope> batch) {
        Map<String, Envelope> out = new HashMap<>();
        for (Envelope e : batch) {
            out.put(ContractEnvelopes.source(e) + "/" + ContractEnvelopes.seq(e), e);
        }
        return out;
    }
}
