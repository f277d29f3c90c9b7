package dev.telltale.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.telltale.trace.Propagation;
import dev.telltale.trace.Tracer;
import dev.telltale.trace.http.TracingFilter;
import dev.telltale.trace.http.TracingHttpClient;
import dev.telltale.tool.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The service the W3C trace-context test harness drives (https://github.com/w3c/trace-context,
 * {@code test/}): each POST carries a JSON list of {@code {"url": ..., "arguments": ...}}; for each
 * item, in order, the service POSTs {@code arguments} (as JSON) to {@code url}, with the trace
 * context of the request it is handling propagated by Telltale (W3C Trace Context; the incoming
 * request may also carry B3). It answers 200 once every call is made, with a JSON list of what
 * each call got; 400 for a body that is not such a list; 413 for one over 1 MiB.
 *
 * <p>Every request runs in a server span from {@link TracingFilter} and every call in a client
 * span from {@link TracingHttpClient}: the harness checks exactly what those send.
 */
final class TraceContextService implements AutoCloseable {

    static final int MAX_BODY = 1 << 20;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;

    private TraceContextService(HttpServer server, ExecutorService executor, HttpClient client) {
        this.server = server;
        this.executor = executor;
        this.client = client;
    }

    /** Starts the service on {@code host:port} (0: any free port), traced by {@code tracer}. */
    static TraceContextService start(String host, int port, Tracer tracer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tracecontext-service");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = TracingHttpClient.newBuilder(HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CALL_TIMEOUT)
                        .build(), tracer)
                .propagation(Propagation.w3c())
                .build();
        TraceContextService service = new TraceContextService(server, executor, client);
        server.createContext("/", service::handle).getFilters().add(TracingFilter.create(tracer));
        server.setExecutor(executor);
        server.start();
        return service;
    }

    /** The address the service listens on. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** The URL to give the harness. */
    String url() {
        InetSocketAddress a = server.getAddress();
        return "http://" + a.getHostString() + ":" + a.getPort() + "/test";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, Map.of("error", "POST a JSON list of {\"url\": ..., \"arguments\": ...}"));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                reply(exchange, 413, Map.of("error", "the body is over " + MAX_BODY + " bytes"));
                return;
            }
            List<Map<String, Object>> calls;
            try {
                calls = parse(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, Map.of("error", e.getMessage()));
                return;
            }
            List<Object> results = new ArrayList<>();
            for (Map<String, Object> call : calls) {
                results.add(call(call));
            }
            reply(exchange, 200, results);
        }
    }

    /**
     * The calls a harness body asks for.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code body}
     */
    static List<Map<String, Object>> parse(String body) {
        Object list;
        try {
            // core's reader takes one object; the harness sends a list
            list = Json.parseObject("{\"calls\":" + body + "\n}").get("calls");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException("the body is not a JSON list of {\"url\": ..., \"arguments\": ...}");
        }
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item) || !(item.get("url") instanceof String url)) {
                throw new IllegalArgumentException("item " + i + " is not an object with a \"url\" string");
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + i + ": url '" + url + "' is not a URI");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("item " + i + ": url '" + url + "' is not http or https");
            }
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("url", url);
            call.put("arguments", item.containsKey("arguments") ? item.get("arguments") : List.of());
            calls.add(call);
        }
        return calls;
    }

    /** POSTs one call's arguments; what it got, for the reply. */
    private Map<String, Object> call(Map<String, Object> call) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", call.get("url"));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create((String) call.get("url")))
                    .timeout(CALL_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.compact(call.get("arguments"))))
                    .build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            result.put("status", (long) response.statusCode());
        } catch (IOException e) {
            result.put("error", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.put("error", "interrupted");
        }
        return result;
    }

    /** The whole body, or null if it is over {@link #MAX_BODY}. */
    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_BODY) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.compact(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting, lets requests in progress finish for up to a second, and stops. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
