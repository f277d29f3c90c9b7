package dev.telltale.core.internal.trace;

import static dev.telltale.core.internal.trace.FakeZipkin.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.DropReason;
import dev.telltale.PipelineStats;
import dev.telltale.core.testing.LogCapture;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZipkinSinkTest {

    private FakeZipkin zipkin;
    private ZipkinSink sink;
    private final List<PipelineStats> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zipkin = new FakeZipkin();
    }

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        zipkin.close();
    }

    /** Settings with short waits: 3 attempts 10 ms apart, a 1 s close, no health reports. */
    private static ZipkinSettings settings(URI url, int capacity, int batchSize, int batchMaxBytes, Duration interval) {
        return new ZipkinSettings(ZipkinSettings.endpoint(url.toString()), capacity, 8L << 20, batchSize,
                batchMaxBytes, interval, Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofMillis(20), 16384,
                Duration.ZERO, Duration.ofSeconds(1));
    }

    private void start(ZipkinSettings settings) {
        sink = ZipkinSink.start(settings, reports::add);
    }

    private static void assertBalanced(PipelineStats s) {
        assertEquals(s.offered(), s.published() + s.dropped() + s.pending(), s.toString());
    }

    @Test
    void fullBatch_sentWithoutWaitingForTheInterval() throws Exception {
        start(settings(zipkin.url(), 1000, 10, 512 << 10, Duration.ofMinutes(1)));
        for (int i = 1; i <= 20; i++) {
            sink.accept(Spans.span(i));
        }

        assertTrue(await(() -> zipkin.spans().size() == 20), () -> zipkin.spans().size() + " spans arrived");
        for (byte[] body : zipkin.bodies()) {
            int spans = ((List<?>) dev.telltale.core.internal.json.JsonReader.parse(body, 0, body.length)).size();
            assertTrue(spans >= 1 && spans <= 10, spans + " spans in one POST");
        }
        assertEquals("op-1", zipkin.spans().get(0).get("name"));
        assertEquals("op-20", zipkin.spans().get(19).get("name"));
        assertTrue(await(() -> sink.stats().published() == 20)); // Zipkin has them before its answer arrives
        PipelineStats s = sink.stats();
        assertEquals(20, s.offered());
        assertEquals(20, s.published());
        assertEquals(0, s.dropped());
        assertEquals("zipkin", s.backend());
    }

    @Test
    void fewSpans_sentAfterTheInterval() throws Exception {
        start(settings(zipkin.url(), 1000, 100, 512 << 10, Duration.ofMillis(50)));
        for (int i = 1; i <= 3; i++) {
            sink.accept(Spans.span(i));
        }

        assertTrue(await(() -> zipkin.spans().size() == 3));
        assertEquals(1, zipkin.bodies().size());
    }

    @Test
    void batches_neverLargerThanTheByteBound() throws Exception {
        start(settings(zipkin.url(), 1000, 100, 4096, Duration.ofMillis(20)));
        for (int i = 1; i <= 12; i++) {
            sink.accept(Spans.withTag(i, 1_000));
        }

        assertTrue(await(() -> zipkin.spans().size() == 12));
        assertTrue(zipkin.bodies().size() >= 4, zipkin.bodies().size() + " POSTs");
        for (byte[] body : zipkin.bodies()) {
            assertTrue(body.length <= 4096, body.length + " bytes");
        }
        assertEquals(0, sink.stats().dropped());
    }

    @Test
    void serverError_retriedWithBackoff_thenDelivered() throws Exception {
        zipkin.answer(503, 500);
        try (LogCapture log = new LogCapture()) {
            start(settings(zipkin.url(), 1000, 100, 512 << 10, Duration.ofMillis(10)));
            sink.accept(Spans.span(1));

            assertTrue(await(() -> zipkin.spans().size() == 1));
            assertEquals(3, zipkin.requests());
            assertTrue(await(() -> sink.stats().published() == 1));
            assertEquals(0, sink.stats().dropped());
            assertNull(sink.lastError());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("HTTP 503"), warnings.get(0));
            assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("takes spans again")), log.all()::toString);
        }
    }

    @Test
    void serverError_everyAttempt_droppedAsBackendError() throws Exception {
        zipkin.answer(500, 500, 500);
        start(settings(zipkin.url(), 1000, 100, 512 << 10, Duration.ofMillis(10)));
        sink.accept(Spans.span(1));
        sink.accept(Spans.span(2));

        assertTrue(await(() -> sink.stats().droppedBackendError() == 2), () -> sink.stats().toString());
        assertEquals(3, zipkin.requests());
        assertTrue(sink.lastError().contains("HTTP 500"), sink.lastError());
        assertTrue(sink.lastError().contains("scripted 500"), sink.lastError());
        assertBalanced(sink.stats());
    }

    @Test
    void badRequest_notRetried_droppedAsBackendError() throws Exception {
        zipkin.answer(400);
        start(settings(zipkin.url(), 1000, 100, 512 << 10, Duration.ofMillis(10)));
        sink.accept(Spans.span(1));

        assertTrue(await(() -> sink.stats().dropped(DropReason.BACKEND_ERROR) == 1));
        assertEquals(1, zipkin.requests());
    }

    @Test
    void payloadTooLarge_droppedAsTooLarge() throws Exception {
        zipkin.answer(413);
        start(settings(zipkin.url(), 1000, 100, 512 << 10, Duration.ofMillis(10)));
        sink.accept(Spans.span(1));

        assertTrue(await(() -> sink.stats().dropped(DropReason.TOO_LARGE) == 1));
        assertEquals(1, zipkin.requests());
    }

    @Test
    void spanLargerThanABatch_droppedAsTooLarge_othersSent() throws Exception {
        start(settings(zipkin.url(), 1000, 100, 4096, Duration.ofMillis(10)));
        sink.accept(Spans.span(1));
        sink.accept(Spans.withTags(2, 10, 1_000));
        sink.accept(Spans.span(3));

        assertTrue(await(() -> zipkin.spans().size() == 2));
        assertTrue(await(() -> sink.stats().droppedTooLarge() == 1));
        assertEquals(List.of("op-1", "op-3"), zipkin.spans().stream().map(s -> s.get("name")).toList());
    }

    @Test
    void serverDown_spansDroppedAsBackendError_neverThrown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (LogCapture log = new LogCapture()) {
            start(settings(URI.create("http://127.0.0.1:" + port), 1000, 100, 512 << 10, Duration.ofMillis(10)));
            for (int i = 1; i <= 5; i++) {
                sink.accept(Spans.span(i));
            }

            assertTrue(await(() -> sink.stats().droppedBackendError() == 5), () -> sink.stats().toString());
            assertNotNull(sink.lastError());
            assertTrue(sink.lastError().contains("127.0.0.1:" + port), sink.lastError());
            assertEquals(1, log.messages(Level.WARNING).size(), log.all()::toString);
        }
    }

    @Test
    void queueFull_oldestDropped_andCounted() throws Exception {
        zipkin.hold();
        start(settings(zipkin.url(), 4, 1, 512 << 10, Duration.ofMillis(10)));
        sink.accept(Spans.span(1));
        assertTrue(await(() -> zipkin.requests() == 1)); // the reporter waits inside the first POST
        for (int i = 2; i <= 11; i++) {
            sink.accept(Spans.span(i));
        }
        assertEquals(6, sink.stats().droppedQueueFull());
        zipkin.release();

        assertTrue(await(() -> zipkin.spans().size() == 5), () -> zipkin.spans().size() + " spans");
        assertEquals(List.of("op-1", "op-8", "op-9", "op-10", "op-11"),
                zipkin.spans().stream().map(s -> s.get("name")).toList());
        assertTrue(await(() -> sink.stats().published() == 5));
        PipelineStats s = sink.stats();
        assertEquals(11, s.offered());
        assertEquals(5, s.published());
        assertEquals(6, s.dropped());
        assertBalanced(s);
    }

    @Test
    void close_whileZipkinHangs_returnsInTime_countingTheRestAsShutdown() throws Exception {
        zipkin.hold();
        start(settings(zipkin.url(), 1000, 2, 512 << 10, Duration.ofMillis(10)));
        for (int i = 1; i <= 5; i++) {
            sink.accept(Spans.span(i));
        }
        assertTrue(await(() -> zipkin.requests() == 1));

        long start = System.nanoTime();
        sink.close();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        sink.accept(Spans.span(6));

        assertTrue(tookMs < 1_900, tookMs + " ms");
        PipelineStats s = sink.stats();
        assertEquals(6, s.offered());
        assertEquals(6, s.droppedShutdown(), s.toString());
        assertEquals(0, s.pending());
        assertBalanced(s);
    }

    @Test
    void close_sendsWhatIsQueued() throws Exception {
        start(settings(zipkin.url(), 1000, 100, 512 << 10, Duration.ofMinutes(1)));
        for (int i = 1; i <= 7; i++) {
            sink.accept(Spans.span(i));
        }

        sink.close();

        assertEquals(7, zipkin.spans().size());
        assertEquals(7, sink.stats().published());
        assertEquals(0, sink.stats().pending());
    }

    @Test
    void health_reportedEveryIntervalAndAtClose() throws Exception {
        ZipkinSettings base = settings(zipkin.url(), 1000, 100, 512 << 10, Duration.ofMillis(10));
        start(new ZipkinSettings(base.endpoint(), base.queueCapacity(), base.queueMaxBytes(), base.batchSize(),
                base.batchMaxBytes(), base.interval(), base.timeout(), base.retryAttempts(), base.backoff(),
                base.maxBackoff(), base.maxChars(), Duration.ofMillis(20), base.closeTimeout()));
        sink.accept(Spans.span(1));

        assertTrue(await(() -> reports.stream().anyMatch(r -> r.published() == 1)));
        int before = reports.size();
        sink.close();

        assertTrue(reports.size() > before);
        PipelineStats last = reports.get(reports.size() - 1);
        assertEquals("zipkin", last.backend());
        assertEquals(1, last.offered());
        assertEquals(1, last.published());
    }

    @Test
    void healthFields_asThePipelineWritesThem() {
        PipelineStats s = PipelineStats.builder().backend("zipkin").offered(10).published(6).droppedQueueFull(1)
                .droppedTooLarge(1).droppedBackendError(1).droppedShutdown(1).pending(0).build();

        var fields = dev.telltale.core.internal.pipeline.HealthReport.fields(s, "HTTP 500");

        assertEquals(List.of("backend", "offered", "published", "dropped", "droppedBy", "pending", "queueDepth",
                "queueBytes", "suppressed", "backendError"), List.copyOf(fields.keySet()));
        assertEquals(4L, fields.get("dropped"));
        assertEquals("HTTP 500", fields.get("backendError"));
        assertEquals(java.util.Map.of("queue-full", 1L, "too-large", 1L, "backend-error", 1L, "shutdown", 1L),
                fields.get("droppedBy"));
    }

    @Test
    void backoff_doublesFromTheFirstWait_cappedAtTheLongest() {
        ZipkinSettings s = settings(URI.create("http://127.0.0.1:1"), 10, 10, 4096, Duration.ofSeconds(1));
        assertEquals(0, ZipkinReporter.backoffNanos(s, 0));
        assertEquals(10_000_000, ZipkinReporter.backoffNanos(s, 1));
        assertEquals(20_000_000, ZipkinReporter.backoffNanos(s, 2));
        assertEquals(20_000_000, ZipkinReporter.backoffNanos(s, 3));
        assertEquals(20_000_000, ZipkinReporter.backoffNanos(s, 1_000));
    }

    @Test
    void sizeEstimate_neverBelowTheEncodedSize() {
        ZipkinEncoder encoder = new ZipkinEncoder(16384, 1 << 20);
        List<dev.telltale.trace.FinishedSpan> spans = List.of(Spans.span(1), Spans.withTag(2, 5_000),
                Spans.withTags(3, 50, 100), new dev.telltale.trace.FinishedSpan(
                        new dev.telltale.trace.SpanContext(1, 2, 3, 4, 1, ""), "é".repeat(100),
                        dev.telltale.trace.SpanKind.CLIENT, "svc", new dev.telltale.trace.FinishedSpan.Endpoint("db",
                                "10.1.2.3", 5432), 1, 1, java.util.Map.of("k", "\u2028\"".repeat(30)),
                        List.of(new dev.telltale.trace.FinishedSpan.Annotation(5, "note")), "E: boom"));
        for (var span : spans) {
            int encoded = encoder.encode(span);
            assertTrue(ZipkinSink.estimate(span) >= encoded, ZipkinSink.estimate(span) + " < " + encoded);
        }
    }

    @Test
    void health_committedToJfr_asPipelineHealthWithBackendZipkin(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("zipkin.jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("dev.telltale.PipelineHealth");
            recording.start();
            new ZipkinHealth().accept(PipelineStats.builder().backend("zipkin").offered(9).published(5)
                    .droppedBackendError(3).droppedQueueFull(1).build());
            recording.stop();
            recording.dump(file);
        }
        jdk.jfr.consumer.RecordedEvent health = jdk.jfr.consumer.RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.PipelineHealth"))
                .findFirst().orElseThrow(() -> new AssertionError("no dev.telltale.PipelineHealth"));
        assertEquals("zipkin", health.getString("backend"));
        assertEquals(9, health.getLong("offered"));
        assertEquals(5, health.getLong("published"));
        assertEquals(3, health.getLong("droppedBackendError"));
        assertEquals(1, health.getLong("droppedQueueFull"));
    }

    @Test
    void health_reportedOnTime_whileZipkinIsDownAndSpansKeepComing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ZipkinSettings base = settings(URI.create("http://127.0.0.1:" + port), 100_000, 10, 512 << 10,
                Duration.ofMillis(10));
        start(new ZipkinSettings(base.endpoint(), base.queueCapacity(), base.queueMaxBytes(), base.batchSize(),
                base.batchMaxBytes(), base.interval(), base.timeout(), base.retryAttempts(), base.backoff(),
                base.maxBackoff(), base.maxChars(), Duration.ofMillis(30), base.closeTimeout()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long n = 0;
        // a queue that never runs dry: the reporter goes from one failing batch to the next
        while (reports.stream().filter(r -> r.droppedBackendError() > 0).count() < 3
                && System.nanoTime() - deadline < 0) {
            for (int i = 0; i < 50; i++) {
                sink.accept(Spans.span(++n));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }

        assertTrue(reports.stream().filter(r -> r.droppedBackendError() > 0).count() >= 3, reports::toString);
        assertTrue(sink.stats().queueDepth() > 0, "the queue was never empty: " + sink.stats());
    }
}
