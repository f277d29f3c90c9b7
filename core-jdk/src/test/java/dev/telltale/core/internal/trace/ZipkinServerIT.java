package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.telltale.PipelineStats;
import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reporter against a real Zipkin server: {@code io.zipkin:zipkin-server}'s exec jar (copied by
 * the build into {@code target/zipkin}, named by {@code telltale.it.zipkin.jar}), started once
 * for the class on a free loopback port with in-memory storage, and killed after it. What the
 * reporter sends is read back through Zipkin's own API and compared field by field. Zipkin
 * lower-cases span and service names when it stores them, so the names here are lower-case.
 */
class ZipkinServerIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static Process zipkin;
    private static Path log;
    private static int port;
    private static long traceSeq = System.nanoTime() & 0xFFFFFFL;

    private ZipkinSink sink;

    @BeforeAll
    static void startZipkin() throws Exception {
        String jar = System.getProperty("telltale.it.zipkin.jar");
        assertNotNull(jar, "telltale.it.zipkin.jar is not set: run through failsafe (mvn verify)");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + " is missing");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        log = Files.createTempFile("zipkin-it", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        zipkin = new ProcessBuilder(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar, "--server.port=" + port, "--server.address=127.0.0.1", "--zipkin.storage.type=mem",
                "--zipkin.ui.enabled=false", "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!healthy()) {
            if (!zipkin.isAlive()) {
                fail("zipkin-server exited with " + zipkin.exitValue() + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() - deadline > 0) {
                fail("zipkin-server not healthy within " + START_TIMEOUT.toSeconds() + " s:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopZipkin() throws Exception {
        if (zipkin != null) {
            zipkin.destroy();
            if (!zipkin.waitFor(10, TimeUnit.SECONDS)) {
                zipkin.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    @AfterEach
    void closeSink() {
        if (sink != null) {
            sink.close();
        }
    }

    private static boolean healthy() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + port;
    }

    private static ZipkinSettings settings(int zipkinPort, int capacity, int batchSize, int attempts, Duration backoff) {
        return new ZipkinSettings(ZipkinSettings.endpoint("http://127.0.0.1:" + zipkinPort), capacity, 64L << 20,
                batchSize, 512 << 10, Duration.ofMillis(20), Duration.ofSeconds(5), attempts, backoff,
                backoff.multipliedBy(4), 16384, Duration.ZERO, Duration.ofSeconds(5));
    }

    /** The spans of {@code traceId} that Zipkin returns, once there are {@code count}; bounded. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> trace(String traceId, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Map<String, Object>> spans = List.of();
        while (System.nanoTime() - deadline < 0) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v2/trace/" + traceId))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                spans = (List<Map<String, Object>>) JsonReader.parse(r.body());
                if (spans.size() >= count) {
                    return spans;
                }
            }
            Thread.sleep(50);
        }
        fail("trace " + traceId + ": " + spans.size() + " of " + count + " spans arrived");
        return spans;
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static long nextTraceLow() {
        return 0x1000_0000_0000_0000L | ++traceSeq;
    }

    private static FinishedSpan local(long traceHigh, long traceLow, long id, String name, Map<String, String> tags) {
        return new FinishedSpan(new SpanContext(traceHigh, traceLow, id, 0, SpanContext.SAMPLED, ""), name,
                SpanKind.LOCAL, "it-svc", null, 1_700_000_000_000_000L + id, 1_000, tags, List.of(), null);
    }

    private static Map<String, Object> byId(List<Map<String, Object>> spans, long id) {
        String hex = SpanContext.hex(id);
        return spans.stream().filter(s -> hex.equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + hex + " in " + spans));
    }

    @Test
    void spans_readBackThroughZipkinsApi_fieldByField() throws Exception {
        sink = ZipkinSink.start(settings(port, 1000, 100, 3, Duration.ofMillis(50)), s -> { });
        long high = 0x463ac35c9f6413adL;
        long low = nextTraceLow();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("http.method", "GET");
        tags.put("http.path", "/orders/7");
        FinishedSpan server = new FinishedSpan(new SpanContext(high, low, 0xa1L, 0, 3, ""), "get /orders/{id}",
                SpanKind.SERVER, "orders", new FinishedSpan.Endpoint("frontend", "192.168.1.7", 51234),
                1_700_000_000_123_456L, 7_400_600L, tags,
                List.of(new FinishedSpan.Annotation(1_700_000_000_124_000L, "ws"),
                        new FinishedSpan.Annotation(1_700_000_000_130_000L, "wr")), null);
        FinishedSpan client = new FinishedSpan(new SpanContext(high, low, 0xa2L, 0xa1L, 3, ""), "select",
                SpanKind.CLIENT, "orders", new FinishedSpan.Endpoint("postgres", "2001:db8::7", 5432),
                1_700_000_000_124_100L, 5_000_000L, Map.of("db.rows", "12"), List.of(),
                "java.sql.SQLException: deadlock");
        FinishedSpan producer = new FinishedSpan(new SpanContext(high, low, 0xa3L, 0xa1L, 3, ""), "publish",
                SpanKind.PRODUCER, "orders", null, 1_700_000_000_129_000L, 300L, Map.of(), List.of(), null);
        FinishedSpan inner = new FinishedSpan(new SpanContext(high, low, 0xa4L, 0xa1L, 3, ""), "price",
                SpanKind.LOCAL, "orders", null, 1_700_000_000_125_000L, 1_000_000L, Map.of(), List.of(), null);
        for (FinishedSpan s : List.of(server, client, producer, inner)) {
            sink.accept(s);
        }

        List<Map<String, Object>> spans = trace(SpanContext.hex(high) + SpanContext.hex(low), 4);

        assertEquals(4, spans.size());
        Map<String, Object> s = byId(spans, 0xa1L);
        assertEquals(SpanContext.hex(high) + SpanContext.hex(low), s.get("traceId"));
        assertFalse(s.containsKey("parentId"));
        assertEquals("SERVER", s.get("kind"));
        assertEquals("get /orders/{id}", s.get("name"));
        assertEquals(1_700_000_000_123_456L, ((Number) s.get("timestamp")).longValue());
        assertEquals(7_401L, ((Number) s.get("duration")).longValue());
        assertEquals(Map.of("serviceName", "orders"), s.get("localEndpoint"));
        assertEquals(Map.of("serviceName", "frontend", "ipv4", "192.168.1.7", "port", 51234L), s.get("remoteEndpoint"));
        assertEquals(List.of(Map.of("timestamp", 1_700_000_000_124_000L, "value", "ws"),
                Map.of("timestamp", 1_700_000_000_130_000L, "value", "wr")), s.get("annotations"));
        assertEquals(Map.of("http.method", "GET", "http.path", "/orders/7"), s.get("tags"));

        Map<String, Object> c = byId(spans, 0xa2L);
        assertEquals("00000000000000a1", c.get("parentId"));
        assertEquals("CLIENT", c.get("kind"));
        assertEquals(5_000L, ((Number) c.get("duration")).longValue());
        assertEquals(Map.of("serviceName", "postgres", "ipv6", "2001:db8::7", "port", 5432L), c.get("remoteEndpoint"));
        assertEquals(Map.of("db.rows", "12", "error", "java.sql.SQLException: deadlock"), c.get("tags"));

        Map<String, Object> p = byId(spans, 0xa3L);
        assertEquals("PRODUCER", p.get("kind"));
        assertEquals(1L, ((Number) p.get("duration")).longValue()); // 300 ns: at least 1 microsecond

        Map<String, Object> l = byId(spans, 0xa4L);
        assertFalse(l.containsKey("kind"));
        assertFalse(l.containsKey("tags"));
        assertEquals(1_000L, ((Number) l.get("duration")).longValue());

        PipelineStats stats = sink.stats();
        assertTrue(await(() -> sink.stats().published() == 4), stats::toString);
        assertEquals(0, sink.stats().dropped());
    }

    @Test
    void shortTraceId_readBackAs16HexDigits() throws Exception {
        sink = ZipkinSink.start(settings(port, 1000, 100, 3, Duration.ofMillis(50)), s -> { });
        long low = nextTraceLow();
        sink.accept(local(0, low, 0xb1L, "short-trace", Map.of("k", "v")));

        List<Map<String, Object>> spans = trace(SpanContext.hex(low), 1);

        assertEquals(SpanContext.hex(low), spans.get(0).get("traceId"));
        assertEquals(Map.of("k", "v"), spans.get(0).get("tags"));
    }

    @Test
    void zipkinDown_spansDroppedAsBackendError_thenDeliveredWhenItIsBack() throws Exception {
        try (TcpGate gate = new TcpGate(port)) {
            gate.shut();
            sink = ZipkinSink.start(settings(gate.port(), 1000, 100, 2, Duration.ofMillis(20)), s -> { });
            long low = nextTraceLow();
            for (int i = 1; i <= 5; i++) {
                sink.accept(local(0, low, i, "while-down", Map.of()));
            }
            assertTrue(await(() -> sink.stats().droppedBackendError() == 5), () -> sink.stats().toString());
            assertNotNull(sink.lastError());

            gate.open();
            long back = nextTraceLow();
            for (int i = 1; i <= 3; i++) {
                sink.accept(local(0, back, i, "after-recovery", Map.of()));
            }

            assertEquals(3, trace(SpanContext.hex(back), 3).size());
            assertTrue(await(() -> sink.stats().published() == 3), () -> sink.stats().toString());
            assertNull(sink.lastError());
            PipelineStats s = sink.stats();
            assertEquals(8, s.offered());
            assertEquals(5, s.droppedBackendError());
            assertEquals(0, s.pending());
        }
    }

    @Test
    void hugeSpanAndBatch_bigValuesCut_spansTooLargeDropped_largeBatchesSplit() throws Exception {
        sink = ZipkinSink.start(settings(port, 10_000, 512, 3, Duration.ofMillis(50)), s -> { });
        long low = nextTraceLow();
        sink.accept(local(0, low, 1, "huge-tag", Map.of("big", "x".repeat(1_000_000))));
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            many.put("t" + i, "y".repeat(2_000));
        }
        sink.accept(local(0, low, 2, "too-large", many)); // about 600 KB: more than a batch may hold
        for (int i = 3; i <= 2_002; i++) {
            sink.accept(local(0, low, i, "bulk", Map.of("i", Integer.toString(i))));
        }

        List<Map<String, Object>> spans = trace(SpanContext.hex(low), 2_001);

        assertEquals(2_001, spans.size());
        String big = (String) ((Map<?, ?>) byId(spans, 1).get("tags")).get("big");
        assertEquals("x".repeat(16384) + "…[+" + (1_000_000 - 16384) + " chars]", big);
        assertTrue(spans.stream().noneMatch(s -> SpanContext.hex(2).equals(s.get("id"))));
        assertTrue(await(() -> sink.stats().published() == 2_001), () -> sink.stats().toString());
        assertEquals(1, sink.stats().droppedTooLarge());
        assertEquals(0, sink.stats().pending());
    }

    @Test
    void queueOverflow_whileZipkinIsDown_oldestDroppedAndCounted_newestDelivered() throws Exception {
        try (TcpGate gate = new TcpGate(port)) {
            gate.shut();
            sink = ZipkinSink.start(settings(gate.port(), 10, 5, 3, Duration.ofMillis(200)), s -> { });
            long low = nextTraceLow();
            for (int i = 1; i <= 100; i++) {
                sink.accept(local(0, low, i, "burst", Map.of()));
            }
            assertTrue(sink.stats().droppedQueueFull() >= 100 - 10 - 5, () -> sink.stats().toString());
            gate.open();

            assertTrue(await(() -> sink.stats().pending() == 0), () -> sink.stats().toString());
            PipelineStats s = sink.stats();
            assertEquals(100, s.offered());
            assertEquals(100, s.published() + s.dropped());
            assertTrue(s.published() >= 10, s.toString());
            List<Map<String, Object>> spans = trace(SpanContext.hex(low), (int) s.published());
            assertTrue(spans.stream().anyMatch(span -> SpanContext.hex(100).equals(span.get("id"))),
                    "the newest span arrived");
        }
    }
}
