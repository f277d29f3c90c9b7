package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.pipeline.InternalThreads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Posts one JSON list of spans to Zipkin's {@code /api/v2/spans} with {@code java.net.http}, over
 * HTTP/1.1, with a timeout per request (connecting included). Used by the reporter's thread only;
 * {@link #post} blocks that thread for at most the timeout and never throws but {@link
 * InterruptedException}. The client's own threads are Telltale's internal threads, so that whatever
 * they log, fed back through a log bridge, is not published.
 */
final class ZipkinSender implements AutoCloseable {

    /** What a POST came to. */
    enum Outcome {
        /** 2xx: Zipkin took the spans. */
        ACCEPTED,
        /** 413: the body is larger than Zipkin accepts; retrying cannot help. */
        TOO_LARGE,
        /** Another 4xx but 408 and 429: Zipkin refused the spans; retrying cannot help. */
        REFUSED,
        /** No answer, a timeout, 408, 429 or 5xx: worth another attempt. */
        FAILED
    }

    /** The outcome and, unless accepted, what went wrong. */
    record Result(Outcome outcome, String error) {}

    private static final int MAX_ERROR_CHARS = 200;

    private final URI endpoint;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;

    ZipkinSender(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        // the client's completion tasks run here: one thread at most, gone after a minute idle
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                InternalThreads.factory("zipkin-http"));
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * Posts the first {@code length} bytes of {@code body}. Never throws but when interrupted.
     *
     * @throws InterruptedException if the thread was interrupted while waiting for the answer
     */
    Result post(byte[] body, int length) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length))
                    .build();
            HttpResponse<String> response = client.send(request, info -> info.statusCode() / 100 == 2
                    ? HttpResponse.BodySubscribers.replacing(null)
                    : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new Result(Outcome.ACCEPTED, null);
            }
            String error = "HTTP " + status + " from " + endpoint + errorText(response.body());
            if (status == 413) {
                return new Result(Outcome.TOO_LARGE, error);
            }
            if (status / 100 == 4 && status != 408 && status != 429) {
                return new Result(Outcome.REFUSED, error);
            }
            return new Result(Outcome.FAILED, error);
        } catch (HttpTimeoutException e) {
            return new Result(Outcome.FAILED, "no answer from " + endpoint + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Result(Outcome.FAILED, "cannot post to " + endpoint + ": " + describe(e));
        } catch (RuntimeException e) { // the client's own failures (a closed client, say)
            return new Result(Outcome.FAILED, "cannot post to " + endpoint + ": " + describe(e));
        }
    }

    private static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip().replace('\n', ' ');
        return ": " + (text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isEmpty()) && cause != null) {
            return describe(cause);
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Stops the client's threads (at once on JDK 21+, where the client can be closed). */
    @Override
    public void close() {
        if (client instanceof AutoCloseable) {
            // JDK 21+: HttpClient is AutoCloseable, and shutdownNow is what we want (close() waits);
            // found by reflection, since the core compiles for Java 17
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(client);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // an older client or a closed one: the daemon threads end when it is collected
            }
        }
        executor.shutdownNow();
    }
}
