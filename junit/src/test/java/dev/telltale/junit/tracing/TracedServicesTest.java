package dev.telltale.junit.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.telltale.Event;
import dev.telltale.junit.TelltaleExtension;
import dev.telltale.junit.TelltaleRecorder;
import dev.telltale.trace.Propagation;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Tracer;
import dev.telltale.trace.Tracing;
import dev.telltale.trace.http.TracingFilter;
import dev.telltale.trace.http.TracingHttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two services in this JVM, each a JDK HttpServer with {@link TracingFilter}, the first calling
 * the second through {@link TracingHttpClient}: one request makes one trace whose spans link
 * server -> client -> server, read back from the pipeline as {@code span} events.
 */
@ExtendWith(TelltaleExtension.class)
class TracedServicesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final HttpClient plain = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @AfterEach
    void stop() throws InterruptedException {
        servers.forEach(s -> s.stop(0));
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** A server on loopback, port 0, with {@code handler} at {@code path} behind {@code filter}. */
    private URI serve(String path, HttpHandler handler, TracingFilter filter) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(path, handler).getFilters().add(filter);
        server.setExecutor(pool);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** "front" (calling "back" at {@code back} through {@code client}) at /front; its URI. */
    private URI front(Tracer tracer, HttpClient client, URI back) throws IOException {
        return serve("/front", exchange -> {
            try (exchange) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(back).timeout(WAIT).build(),
                        HttpResponse.BodyHandlers.ofString());
                reply(exchange, r.statusCode() == 200 ? 200 : 502, "front+" + r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 500, "interrupted");
            }
        }, TracingFilter.create(tracer));
    }

    private URI back(Tracer tracer, int status) throws IOException {
        return serve("/back", exchange -> {
            try (exchange) {
                reply(exchange, status, "back");
            }
        }, TracingFilter.create(tracer));
    }

    private static Event span(List<Event> spans, String service, String kind) {
        return spans.stream().filter(e -> service.equals(e.field("service")) && kind.equals(e.field("kind")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " span of " + service + " in " + spans));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tags(Event span) {
        return (Map<String, Object>) span.field("tags");
    }

    @Test
    void twoServices_oneRequest_oneTraceLinkedServerClientServer(TelltaleRecorder recorder) throws Exception {
        Tracing tracing = Tracing.of(recorder.telltale());
        Tracer frontTracer = tracing.tracer("front", Sampler.always());
        Tracer backTracer = tracing.tracer("back", Sampler.always());
        URI back = back(backTracer, 200);
        URI front = front(frontTracer, TracingHttpClient.create(plain, frontTracer), back);

        HttpResponse<String> response = plain.send(HttpRequest.newBuilder(front).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("front+back", response.body());

        List<Event> spans = recorder.awaitEvents("span", 3, WAIT);
        assertEquals(3, spans.size(), spans::toString);
        Event frontServer = span(spans, "front", "SERVER");
        Event frontClient = span(spans, "front", "CLIENT");
        Event backServer = span(spans, "back", "SERVER");
        String traceId = (String) frontServer.field("traceId");
        assertEquals(traceId, frontClient.field("traceId"));
        assertEquals(traceId, backServer.field("traceId"));
        assertNull(frontServer.field("parentId"), "the first server span is the root");
        assertEquals(frontServer.field("spanId"), frontClient.field("parentId"));
        assertEquals(frontClient.field("spanId"), backServer.field("parentId"));
        assertEquals(3, spans.stream().map(e -> e.field("spanId")).distinct().count(), "every span has its own id");

        assertEquals("GET /front", frontServer.field("name"));
        assertEquals("GET /back", frontClient.field("name"));
        assertEquals("GET /back", backServer.field("name"));
        assertEquals(Map.of("http.method", "GET", "http.path", "/front", "http.status_code", "200"), tags(frontServer));
        assertEquals("200", tags(frontClient).get("http.status_code"));
        assertEquals(back.toString(), tags(frontClient).get("http.url"));

        assertEquals(traceId, response.headers().firstValue("x-trace-id").orElseThrow());
        assertEquals("trace;desc=00-" + traceId + "-" + frontServer.field("spanId") + "-03",
                response.headers().firstValue("server-timing").orElseThrow());
    }

    @Test
    void b3Client_backReadsIt_sameTrace(TelltaleRecorder recorder) throws Exception {
        Tracing tracing = Tracing.of(recorder.telltale());
        Tracer frontTracer = tracing.tracer("front", Sampler.always());
        URI back = back(tracing.tracer("back", Sampler.always()), 200);
        HttpClient b3 = TracingHttpClient.newBuilder(plain, frontTracer).propagation(Propagation.b3Single()).build();
        URI front = front(frontTracer, b3, back);

        assertEquals(200, plain.send(HttpRequest.newBuilder(front).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        List<Event> spans = recorder.awaitEvents("span", 3, WAIT);
        Event frontClient = span(spans, "front", "CLIENT");
        Event backServer = span(spans, "back", "SERVER");
        assertEquals(frontClient.field("traceId"), backServer.field("traceId"));
        assertEquals(frontClient.field("spanId"), backServer.field("parentId"));
    }

    @Test
    void callerSendsTraceparent_frontContinuesIt(TelltaleRecorder recorder) throws Exception {
        Tracing tracing = Tracing.of(recorder.telltale());
        Tracer tracer = tracing.tracer("back", Sampler.always());
        URI back = back(tracer, 200);

        HttpResponse<String> r = plain.send(HttpRequest.newBuilder(back)
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("tracestate", "congo=t61rcWkgMzE").build(), HttpResponse.BodyHandlers.ofString());

        Event server = recorder.awaitEvents("span", 1, WAIT).get(0);
        assertEquals("0af7651916cd43dd8448eb211c80319c", server.field("traceId"));
        assertEquals("b7ad6b7169203331", server.field("parentId"));
        assertEquals("congo=t61rcWkgMzE", server.field("traceState"));
        assertEquals("0af7651916cd43dd8448eb211c80319c", r.headers().firstValue("x-trace-id").orElseThrow());
        assertEquals("127.0.0.1", ((Map<?, ?>) server.field("remote")).get("ip"));
    }

    @Test
    void invalidTraceparent_newTraceAndTheReasonTagged(TelltaleRecorder recorder) throws Exception {
        Tracer tracer = Tracing.of(recorder.telltale()).tracer("back", Sampler.always());
        URI back = back(tracer, 200);

        plain.send(HttpRequest.newBuilder(back)
                .header("traceparent", "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").build(),
                HttpResponse.BodyHandlers.ofString());

        Event server = recorder.awaitEvents("span", 1, WAIT).get(0);
        assertNotEquals("0af7651916cd43dd8448eb211c80319c", server.field("traceId"));
        assertNull(server.field("parentId"));
        String ignored = (String) tags(server).get("http.trace_header_ignored");
        assertTrue(ignored != null && ignored.contains("version ff is invalid"), String.valueOf(tags(server)));
    }

    @Test
    void callerSaysDoNotSample_nothingRecordedButDecisionPropagated(TelltaleRecorder recorder) throws Exception {
        Tracing tracing = Tracing.of(recorder.telltale());
        Tracer frontTracer = tracing.tracer("front", Sampler.parentBased(Sampler.always()));
        List<String> seen = new ArrayList<>();
        URI back = serve("/back", exchange -> {
            try (exchange) {
                synchronized (seen) {
                    seen.add(exchange.getRequestHeaders().getFirst("traceparent"));
                }
                reply(exchange, 200, "back");
            }
        }, TracingFilter.create(tracing.tracer("back", Sampler.parentBased(Sampler.always()))));
        URI front = front(frontTracer, TracingHttpClient.create(plain, frontTracer), back);

        HttpResponse<String> r = plain.send(HttpRequest.newBuilder(front).header("b3", "0").build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, r.statusCode());
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).endsWith("-02"), "unsampled, random: " + seen.get(0));
        recorder.telltale().flush(WAIT);
        assertEquals(List.of(), recorder.events("span"), "nothing recorded for an unsampled trace");
    }

    @Test
    void backAnswers500_errorTaggedOnBothSides(TelltaleRecorder recorder) throws Exception {
        Tracing tracing = Tracing.of(recorder.telltale());
        Tracer frontTracer = tracing.tracer("front", Sampler.always());
        URI back = back(tracing.tracer("back", Sampler.always()), 503);
        URI front = front(frontTracer, TracingHttpClient.create(plain, frontTracer), back);

        assertEquals(502, plain.send(HttpRequest.newBuilder(front).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        List<Event> spans = recorder.awaitEvents("span", 3, WAIT);
        assertEquals("503", tags(span(spans, "back", "SERVER")).get("error"));
        assertEquals("503", tags(span(spans, "front", "CLIENT")).get("error"));
        assertEquals("502", tags(span(spans, "front", "SERVER")).get("http.status_code"));
        assertEquals("502", tags(span(spans, "front", "SERVER")).get("error"), "every 5xx marks the span");
    }

    @Test
    void handlerThrows_errorRecordedAndRethrown(TelltaleRecorder recorder) throws Exception {
        Tracer tracer = Tracing.of(recorder.telltale()).tracer("back", Sampler.always());
        URI back = serve("/back", exchange -> {
            exchange.close();
            throw new IllegalStateException("out of stock");
        }, TracingFilter.create(tracer));

        try {
            plain.send(HttpRequest.newBuilder(back).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException expected) {
            // the server closed the exchange without an answer
        }

        Event server = recorder.awaitEvents("span", 1, WAIT).get(0);
        assertEquals("java.lang.IllegalStateException: out of stock", server.field("error"));
    }

    @Test
    void sendAsync_clientSpanEndsWithTheResponse(TelltaleRecorder recorder) throws Exception {
        Tracing tracing = Tracing.of(recorder.telltale());
        Tracer tracer = tracing.tracer("caller", Sampler.always());
        URI back = back(tracing.tracer("back", Sampler.always()), 200);
        HttpClient client = TracingHttpClient.create(plain, tracer);

        HttpResponse<String> r = client.sendAsync(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString())
                .get(10, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());

        List<Event> spans = recorder.awaitEvents("span", 2, WAIT);
        Event caller = span(spans, "caller", "CLIENT");
        Event server = span(spans, "back", "SERVER");
        assertNull(caller.field("parentId"), "no span was current: the client span is a root");
        assertEquals(caller.field("spanId"), server.field("parentId"));
        assertEquals("200", tags(caller).get("http.status_code"));
    }

    @Test
    void sendAsync_connectionRefused_errorRecorded(TelltaleRecorder recorder) throws Exception {
        Tracer tracer = Tracing.of(recorder.telltale()).tracer("caller", Sampler.always());
        HttpClient client = TracingHttpClient.create(plain, tracer);
        URI nowhere;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/gone");
        }

        var future = client.sendAsync(HttpRequest.newBuilder(nowhere).build(), HttpResponse.BodyHandlers.ofString());
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // refused
        }

        Event caller = recorder.awaitEvents("span", 1, WAIT).get(0);
        assertTrue(String.valueOf(caller.field("error")).contains("ConnectException"), String.valueOf(caller.field("error")));
        assertEquals("127.0.0.1", ((Map<?, ?>) caller.field("remote")).get("ip"));
    }

    @Test
    void propagationThrows_requestSentWithoutHeadersAndTagged(TelltaleRecorder recorder) throws Exception {
        Tracing tracing = Tracing.of(recorder.telltale());
        URI back = back(tracing.tracer("back", Sampler.always()), 200);
        Propagation broken = new Propagation() {
            @Override
            public List<String> fields() {
                return List.of("traceparent");
            }

            @Override
            public <C> void inject(dev.telltale.trace.SpanContext context, C carrier, Setter<C> setter) {
                throw new IllegalStateException("broken on purpose");
            }

            @Override
            public <C> dev.telltale.trace.Extracted extract(C carrier, Getter<C> getter) {
                return dev.telltale.trace.Extracted.nothing();
            }
        };
        HttpClient client = TracingHttpClient.newBuilder(plain, tracing.tracer("caller", Sampler.always()))
                .propagation(broken).build();

        assertEquals(200, client.send(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        List<Event> spans = recorder.awaitEvents("span", 2, WAIT);
        Event caller = span(spans, "caller", "CLIENT");
        assertEquals("java.lang.IllegalStateException: broken on purpose", tags(caller).get("http.trace_header_not_sent"));
        assertNotEquals(caller.field("traceId"), span(spans, "back", "SERVER").field("traceId"), "no context went");
    }
}
