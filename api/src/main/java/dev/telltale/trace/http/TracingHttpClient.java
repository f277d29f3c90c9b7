package dev.telltale.trace.http;

import dev.telltale.trace.Propagation;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanBuilder;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import dev.telltale.trace.Tracer;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link HttpClient} that traces what it sends: each {@code send} and {@code sendAsync} opens a
 * {@link SpanKind#CLIENT} span (a child of the calling thread's current span) and sends the
 * request with that span's context in its headers (W3C Trace Context by default; B3 or both with
 * {@link Builder#propagation}). Everything else is the wrapped client's.
 *
 * <pre>{@code
 * HttpClient http = TracingHttpClient.create(HttpClient.newHttpClient(), Tracing.global().tracer("web"));
 * http.send(request, BodyHandlers.ofString());   // a span "GET /orders", traceparent sent
 * }</pre>
 *
 * <p><b>The span.</b> Named {@code "<METHOD> <path>"} unless {@link Builder#spanName} says
 * otherwise; tags {@code http.method}, {@code http.url}, {@code http.status_code}, and {@code
 * error} with the status on a 5xx or the exception when sending fails (rethrown as it is). A
 * blocking {@code send} makes the span current while it waits; an asynchronous one ends the span
 * when the response (or the failure) arrives, on whichever thread completes it, and returns the
 * wrapped client's own future (cancelling it cancels the exchange). The request's own tracing
 * headers, if it had any, are replaced; where the headers cannot be written (a {@link
 * Propagation} of the application's that throws), the request goes as it was and the tag {@code
 * http.trace_header_not_sent} says why.
 *
 * <p><b>Closing.</b> On JDK 21 and later {@link #close()} closes the wrapped client; the other
 * shutdown methods those JDKs add are not forwarded: call them on the wrapped client.
 *
 * <p>Thread-safe as the wrapped client is.
 */
public final class TracingHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final Tracer tracer;
    private final Propagation propagation;
    private final List<String> fields;
    private final Function<HttpRequest, String> spanName;

    private TracingHttpClient(Builder b) {
        this.delegate = b.delegate;
        this.tracer = b.tracer;
        this.propagation = b.propagation;
        this.fields = b.propagation.fields();
        this.spanName = b.spanName;
    }

    /**
     * {@code delegate}, traced by {@code tracer}, sending W3C Trace Context headers.
     *
     * @throws NullPointerException if an argument is null
     */
    public static TracingHttpClient create(HttpClient delegate, Tracer tracer) {
        return newBuilder(delegate, tracer).build();
    }

    /**
     * A builder for a traced {@code delegate}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Builder newBuilder(HttpClient delegate, Tracer tracer) {
        return new Builder(delegate, tracer);
    }

    /** The client this one sends through. */
    public HttpClient delegate() {
        return delegate;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request == null");
        Span span = builder(request).start();
        try {
            HttpResponse<T> response = delegate.send(traced(request, span), handler);
            HttpSpans.status(span, response.statusCode());
            return response;
        } catch (Throwable t) {
            span.error(t);
            throw t;
        } finally {
            span.close();
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        Objects.requireNonNull(request, "request == null");
        Span span = builder(request).startDetached();
        CompletableFuture<HttpResponse<T>> sent;
        try {
            sent = delegate.sendAsync(traced(request, span), handler, push);
        } catch (Throwable t) {
            span.error(t);
            span.end();
            throw t;
        }
        // the caller gets the client's own future, so that cancelling it cancels the exchange
        sent.whenComplete((response, failure) -> {
            if (failure != null) {
                span.error(failure);
            } else if (response != null) {
                HttpSpans.status(span, response.statusCode());
            }
            span.end();
        });
        return sent;
    }

    private SpanBuilder builder(HttpRequest request) {
        String name;
        try {
            name = spanName.apply(request);
        } catch (RuntimeException e) {
            name = null;
        }
        if (name == null) {
            name = defaultName(request);
        }
        URI uri = request.uri();
        String host = uri.getHost();
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        SpanBuilder b = tracer.spanBuilder(name).kind(SpanKind.CLIENT)
                .remote(null, HttpSpans.isIpLiteral(host) ? host : null, port);
        return b;
    }

    /** {@code request} with {@code span}'s context in its headers (and none it had of ours). */
    private HttpRequest traced(HttpRequest request, Span span) {
        span.tag("http.method", request.method());
        span.tag("http.url", request.uri().toString());
        SpanContext context = span.context();
        if (context == null) {
            return request; // tracing is off
        }
        try {
            HttpRequest.Builder copy = HttpRequest.newBuilder(request,
                    (name, value) -> !fields.contains(name.toLowerCase(Locale.ROOT)));
            propagation.inject(context, copy, HttpRequest.Builder::setHeader);
            return copy.build();
        } catch (RuntimeException e) { // a user's Propagation, or a header the builder refuses
            span.tag("http.trace_header_not_sent", e.toString());
            return request;
        }
    }

    static String defaultName(HttpRequest request) {
        String path = request.uri().getRawPath();
        return request.method() + " " + (path == null || path.isEmpty() ? "/" : path);
    }

    /** Closes the wrapped client where it can be closed (JDK 21 and later); otherwise nothing. */
    public void close() {
        if (delegate instanceof AutoCloseable) {
            try {
                ((AutoCloseable) delegate).close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e); // HttpClient.close() throws no checked exception
            }
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    /** The wrapped client's; WebSocket handshakes are not traced. */
    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }

    @Override
    public String toString() {
        return "TracingHttpClient(" + delegate + ", " + propagation + ")";
    }

    /** Configures a {@link TracingHttpClient}; not thread-safe. */
    public static final class Builder {
        private final HttpClient delegate;
        private final Tracer tracer;
        private Propagation propagation = Propagation.w3c();
        private Function<HttpRequest, String> spanName = TracingHttpClient::defaultName;

        private Builder(HttpClient delegate, Tracer tracer) {
            this.delegate = Objects.requireNonNull(delegate, "delegate == null");
            this.tracer = Objects.requireNonNull(tracer, "tracer == null");
        }

        /**
         * The headers to send the context in; default {@link Propagation#w3c()}. For callees
         * that speak B3 only, {@link Propagation#b3Multi()}; for a mix, {@link
         * Propagation#composite}.
         */
        public Builder propagation(Propagation propagation) {
            this.propagation = Objects.requireNonNull(propagation, "propagation == null");
            return this;
        }

        /**
         * Names each request's span; default {@code "<METHOD> <path>"}. A function that throws or
         * returns null gets the default name.
         */
        public Builder spanName(Function<HttpRequest, String> spanName) {
            this.spanName = Objects.requireNonNull(spanName, "spanName == null");
            return this;
        }

        public TracingHttpClient build() {
            return new TracingHttpClient(this);
        }
    }
}
