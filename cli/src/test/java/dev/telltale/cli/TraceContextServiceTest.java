package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.telltale.Telltale;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Tracing;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracecontext-service answering requests as the W3C harness sends them, to a fake harness. */
class TraceContextServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRACE = "12345678901234567890123456789012";

    /** What the fake harness received: path, traceparent, tracestate, body. */
    private record Callback(String path, String traceparent, String tracestate, String body) {}

    private final List<Callback> callbacks = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private Telltale telltale;
    private TraceContextService service;
    private HttpServer harness;
    private String harnessUrl;

    @BeforeEach
    void start() throws IOException {
        telltale = Telltale.builder().backend("none").readEnvironment(false).shutdownHook(false).build();
        service = TraceContextService.start("127.0.0.1", 0,
                Tracing.of(telltale).tracer("tracecontext-service", Sampler.parentBased(Sampler.always())));
        harness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        harness.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (callbacks) {
                    callbacks.add(new Callback(exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("traceparent"),
                            exchange.getRequestHeaders().getFirst("tracestate"), body));
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        harness.start();
        harnessUrl = "http://127.0.0.1:" + harness.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        harness.stop(0);
        service.close();
        telltale.close();
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url())).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void harnessRequest_eachUrlCalledWithTheContextAndArguments() throws Exception {
        String body = "[{\"url\": \"" + harnessUrl + "/scope.0\", \"arguments\": [{\"url\": \"x\", \"arguments\": []}]},"
                + " {\"url\": \"" + harnessUrl + "/scope.1\", \"arguments\": []}]";

        HttpResponse<String> r = post(body, "traceparent", "00-" + TRACE + "-1234567890123456-01",
                "tracestate", "foo=1,bar=2");

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(2, callbacks.size(), callbacks::toString);
        assertEquals("/scope.0", callbacks.get(0).path());
        assertEquals("[{\"url\":\"x\",\"arguments\":[]}]", callbacks.get(0).body());
        assertEquals("[]", callbacks.get(1).body());
        for (Callback c : callbacks) {
            assertTrue(c.traceparent().matches("00-" + TRACE + "-[0-9a-f]{16}-01"), c.traceparent());
            assertFalse(c.traceparent().contains("1234567890123456-"), "a new parent-id: " + c.traceparent());
            assertEquals("foo=1,bar=2", c.tracestate());
        }
        assertNotEquals(callbacks.get(0).traceparent(), callbacks.get(1).traceparent(), "one client span per call");
        assertTrue(r.body().contains("\"status\":200"), r.body());
    }

    @Test
    void invalidTraceparent_callbacksStartANewTraceWithoutTheState() throws Exception {
        post("[{\"url\": \"" + harnessUrl + "/s.0\"}]", "traceparent", "ff-" + TRACE + "-1234567890123456-01",
                "tracestate", "foo=1");

        assertEquals(1, callbacks.size());
        String tp = callbacks.get(0).traceparent();
        assertTrue(tp.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]"), tp);
        assertFalse(tp.contains(TRACE), tp);
        assertEquals(null, callbacks.get(0).tracestate());
    }

    @Test
    void randomFlag_propagated() throws Exception {
        post("[{\"url\": \"" + harnessUrl + "/s.0\", \"arguments\": []}]", "traceparent", "00-" + TRACE + "-1234567890123456-02");

        assertTrue(callbacks.get(0).traceparent().endsWith("-02"), callbacks.get(0).traceparent());
    }

    @Test
    void bodyNotAList_400NamingTheProblem() throws Exception {
        HttpResponse<String> r = post("{\"url\": \"http://127.0.0.1:1/\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("not a JSON list"), r.body());
        assertEquals(0, callbacks.size());
    }

    @Test
    void parse_rejectsWhatIsNoCall() {
        assertEquals(List.of(Map.of("url", "http://a/", "arguments", List.of())), TraceContextService.parse("[{\"url\":\"http://a/\"}]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContextService.parse("[1]"))
                .getMessage().contains("item 0 is not an object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContextService.parse("[{\"url\":\"ftp://a/\"}]"))
                .getMessage().contains("not http or https"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContextService.parse("[{\"url\":\"a b\"}]"))
                .getMessage().contains("not a URI"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceContextService.parse("[,]"))
                .getMessage().contains("not JSON"));
    }

    @Test
    void command_badPort_usageError() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = Main.run(new String[] {"tracecontext-service", "--port", "70000"}, new java.io.PrintStream(out),
                new java.io.PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("--port must be between 0 and 65535: 70000"), err.toString());
    }
}
