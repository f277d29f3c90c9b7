package dev.telltale.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.telltale.Telltale;
import dev.telltale.trace.Span;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's tracing part: two small services on loopback that call each other over HTTP, every
 * request traced. {@code shop-web} ({@code POST /checkout}) loads a cart in a local span and asks
 * {@code pricing} ({@code GET /price}) for the total through {@link TracingHttpClient}; both
 * servers run {@link TracingFilter}. A caller sends {@value #RATE} checkouts a second, so each
 * makes a trace of four spans (server, local, client, server); every 25th price lookup answers
 * 503 so that some spans carry an error. Nothing here blocks the demo or throws into it: a failed
 * call is counted.
 */
final class DemoTracing implements AutoCloseable {

    static final int RATE = 10;
    static final int FINISH_SECONDS = 5;

    private final HttpServer web;
    private final HttpServer pricing;
    private final ExecutorService workers;
    private final ScheduledExecutorService caller;
    private final HttpClient plain;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicReference<String> lastTraceId = new AtomicReference<>();

    private DemoTracing(Telltale telltale) throws IOException {
        Tracing tracing = Tracing.of(telltale);
        Tracer webTracer = tracing.tracer("shop-web");
        workers = Executors.newFixedThreadPool(4, daemons("demo-http"));
        // the client keeps its own executor: handlers that wait on it must not also starve it
        plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
        pricing = server("/price", this::price, TracingFilter.create(tracing.tracer("pricing")));
        URI priceUri = uri(pricing, "/price");
        HttpClient traced = TracingHttpClient.create(plain, webTracer);
        web = server("/checkout", exchange -> checkout(exchange, webTracer, traced, priceUri),
                TracingFilter.create(webTracer));
        caller = Executors.newSingleThreadScheduledExecutor(daemons("demo-http-caller"));
    }

    /** Starts both services and the caller on loopback. */
    static DemoTracing start(Telltale telltale) throws IOException {
        DemoTracing demo = new DemoTracing(telltale);
        URI checkout = uri(demo.web, "/checkout");
        demo.caller.scheduleAtFixedRate(() -> demo.call(checkout), 0, 1000 / RATE, TimeUnit.MILLISECONDS);
        return demo;
    }

    private HttpServer server(String path, com.sun.net.httpserver.HttpHandler handler, TracingFilter filter)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(path, handler).getFilters().add(filter);
        server.setExecutor(workers);
        server.start();
        return server;
    }

    private static URI uri(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void call(URI checkout) {
        try {
            HttpResponse<Void> r = plain.send(HttpRequest.newBuilder(checkout).timeout(Duration.ofSeconds(2))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"cart\": " + requests.get() + "}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            requests.incrementAndGet();
            r.headers().firstValue(TracingFilter.TRACE_ID_HEADER).ifPresent(lastTraceId::set);
            if (r.statusCode() != 200) {
                failed.incrementAndGet();
            }
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkout(HttpExchange exchange, Tracer tracer, HttpClient client, URI price) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            int items;
            try (Span span = tracer.span("load-cart")) {
                items = 1 + (int) (requests.get() % 5);
                span.tag("cart.items", items);
            }
            HttpResponse<String> total = client.send(HttpRequest.newBuilder(URI.create(price + "?items=" + items))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            reply(exchange, total.statusCode() == 200 ? 200 : 502, "{\"total\": \"" + total.body() + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 503, "interrupted");
        }
    }

    private void price(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean unavailable = lookups.incrementAndGet() % 25 == 0;
            reply(exchange, unavailable ? 503 : 200, unavailable ? "try again" : "42.00");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ThreadFactory daemons(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** How many checkouts were answered. */
    long requests() {
        return requests.get();
    }

    /**
     * The summary's lines (at most three): what ran, and where to see the traces: the span events
     * in {@code events} (null: another backend), the JFR recording (null: none), Zipkin's page of
     * the last trace (when {@code zipkin} is set).
     */
    List<String> summary(Path events, Path jfr, String zipkin) {
        List<String> lines = new ArrayList<>();
        String last = lastTraceId.get();
        long n = requests.get();
        lines.add(String.format("Tracing: shop-web called pricing over HTTP for %,d checkout%s (%,d failed or 5xx), each a"
                + " trace of 4 spans%s.", n, n == 1 ? "" : "s", failed.get(), last == null ? "" : "; the last is trace " + last));
        List<String> where = new ArrayList<>();
        if (events != null) {
            where.add("jq -c 'select(.kind == \"span\") | .fields' " + events);
        }
        if (jfr != null) {
            where.add("jfr print --events dev.telltale.Span " + jfr);
        }
        if (!where.isEmpty()) {
            lines.add("  see the spans: " + String.join("   or   ", where));
        }
        if (zipkin != null && last != null) {
            String base = zipkin.endsWith("/") ? zipkin.substring(0, zipkin.length() - 1) : zipkin;
            lines.add("  in Zipkin: " + base + "/zipkin/traces/" + last);
        }
        return lines;
    }

    /**
     * Stops the caller, letting a checkout in flight finish (at most {@value #FINISH_SECONDS} s: on a
     * busy machine a short run's first call, which loads the HTTP classes, can take seconds), then
     * both services.
     */
    @Override
    public void close() {
        caller.shutdown();
        try {
            if (!caller.awaitTermination(FINISH_SECONDS, TimeUnit.SECONDS)) {
                caller.shutdownNow();
            }
        } catch (InterruptedException e) {
            caller.shutdownNow();
            Thread.currentThread().interrupt();
        }
        web.stop(0);
        pricing.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
