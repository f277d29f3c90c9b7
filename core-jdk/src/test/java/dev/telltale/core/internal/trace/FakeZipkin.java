package dev.telltale.core.internal.trace;

import com.sun.net.httpserver.HttpServer;
import dev.telltale.core.internal.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for Zipkin's {@code POST /api/v2/spans} on loopback (the JDK's HTTP server): records
 * every request body and answers each with the next scripted status (202 once the script is used
 * up), or holds the answer until released. The real server's behaviour is tested in {@code
 * ZipkinServerIT}; this one makes the failures a real server will not make on demand.
 */
final class FakeZipkin implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<Integer> script = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch hold;

    FakeZipkin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-zipkin");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/api/v2/spans", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status;
            synchronized (this) {
                status = script.isEmpty() ? 202 : script.remove(0);
                if (status == 202) {
                    bodies.add(body);
                }
            }
            requests.incrementAndGet();
            CountDownLatch h = hold;
            if (h != null) {
                try {
                    h.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = status == 202 ? new byte[0] : ("scripted " + status).getBytes();
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The base URL, as a user would configure it. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next requests are answered with these statuses, in order; accepted ones are recorded. */
    synchronized void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** Holds every answer until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    int requests() {
        return requests.get();
    }

    /** The bodies of the accepted requests. */
    synchronized List<byte[]> bodies() {
        return List.copyOf(bodies);
    }

    /** Every span accepted so far, parsed, in order. */
    @SuppressWarnings("unchecked")
    synchronized List<Map<String, Object>> spans() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (byte[] body : bodies) {
            for (Object span : (List<Object>) JsonReader.parse(body, 0, body.length)) {
                out.add((Map<String, Object>) span);
            }
        }
        return out;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Waits up to 10 s for {@code condition}; whether it became true. */
    static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
