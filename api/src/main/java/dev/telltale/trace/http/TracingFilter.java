package dev.telltale.trace.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.telltale.trace.Extracted;
import dev.telltale.trace.Propagation;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import dev.telltale.trace.Tracer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Function;

/**
 * Traces every request of a {@code com.sun.net.httpserver.HttpServer} context: extracts the
 * caller's trace context, opens a {@link SpanKind#SERVER} span that is current while the handler
 * runs, and tells the caller the trace id in the response.
 *
 * <pre>{@code
 * HttpContext ctx = server.createContext("/orders", handler);
 * ctx.getFilters().add(TracingFilter.create(Tracing.global().tracer("orders")));
 * }</pre>
 *
 * <p><b>The span.</b> Named {@code "<METHOD> <context path>"} ({@code "GET /orders"}: the route,
 * not the full path, so names stay few), unless {@link Builder#spanName} says otherwise. Tags:
 * {@code http.method}, {@code http.path} (the request's path), {@code http.status_code}; {@code
 * error} with the status on a 5xx, and the exception when the handler throws (rethrown as it
 * is); {@value HttpSpans#IGNORED_TAG} with the reason when a tracing header was invalid (the
 * request then starts a new trace). The remote endpoint is the caller's address and port.
 *
 * <p><b>The response.</b> Before the handler runs, the filter adds {@code Server-Timing: trace;
 * desc=00-<trace id>-<span id>-<flags>} (W3C Trace Context Level 2's response metric, readable
 * by browsers' {@code PerformanceServerTiming}) and {@code X-Trace-Id: <trace id>} (32 hex
 * digits, for people and logs), unless {@link Builder#responseHeaders(boolean)} is off. Nothing is
 * added where tracing is off.
 *
 * <p><b>Formats.</b> By default a request may carry W3C Trace Context or B3 (single or multi);
 * {@link Builder#propagation} narrows or changes that.
 *
 * <p>Thread-safe and stateless: one filter may serve every context of a server.
 */
public final class TracingFilter extends Filter {

    /** The response header with the trace id as 32 lower-case hex digits. */
    public static final String TRACE_ID_HEADER = "X-Trace-Id";
    /** The response header W3C Trace Context Level 2 defines a {@code trace} metric in. */
    public static final String SERVER_TIMING_HEADER = "Server-Timing";

    private static final Propagation.Getter<Headers> GETTER = Headers::get;

    private final Tracer tracer;
    private final Propagation propagation;
    private final Function<HttpExchange, String> spanName;
    private final Sampler deferred;
    private final boolean responseHeaders;

    private TracingFilter(Builder b) {
        this.tracer = b.tracer;
        this.propagation = b.propagation;
        this.spanName = b.spanName;
        this.deferred = b.deferred;
        this.responseHeaders = b.responseHeaders;
    }

    /**
     * A filter with the defaults.
     *
     * @throws NullPointerException if {@code tracer} is null
     */
    public static TracingFilter create(Tracer tracer) {
        return newBuilder(tracer).build();
    }

    /**
     * A builder for a filter whose spans {@code tracer} starts.
     *
     * @throws NullPointerException if {@code tracer} is null
     */
    public static Builder newBuilder(Tracer tracer) {
        return new Builder(tracer);
    }

    @Override
    public String description() {
        return "Telltale tracing (" + propagation + ")";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Extracted extracted = extract(exchange);
        Span span = start(exchange, extracted);
        try {
            if (extracted.problem() != null) {
                span.tag(HttpSpans.IGNORED_TAG, extracted.problem());
            }
            SpanContext context = span.context();
            if (responseHeaders && context != null) {
                Headers out = exchange.getResponseHeaders();
                out.add(SERVER_TIMING_HEADER, "trace;desc=" + traceparent(context));
                out.set(TRACE_ID_HEADER, context.traceIdHex());
            }
            chain.doFilter(exchange);
            HttpSpans.status(span, exchange.getResponseCode());
        } catch (Throwable t) {
            span.error(t);
            throw t;
        } finally {
            span.close();
        }
    }

    private Extracted extract(HttpExchange exchange) {
        try {
            return propagation.extract(exchange.getRequestHeaders(), GETTER);
        } catch (RuntimeException e) { // a user's Propagation: the request goes on, in a new trace
            return Extracted.invalid(propagation + " failed: " + e);
        }
    }

    private Span start(HttpExchange exchange, Extracted extracted) {
        String method = exchange.getRequestMethod();
        String name;
        try {
            name = spanName.apply(exchange);
        } catch (RuntimeException e) {
            name = null;
        }
        if (name == null) {
            name = defaultName(exchange);
        }
        String ip = null;
        int port = 0;
        InetSocketAddress remote = exchange.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            ip = remote.getAddress().getHostAddress();
            port = remote.getPort();
        }
        Span span = tracer.spanBuilder(name)
                .kind(SpanKind.SERVER)
                .parent(HttpSpans.parent(extracted, deferred))
                .remote(null, ip, port)
                .start();
        span.tag("http.method", method);
        span.tag("http.path", String.valueOf(exchange.getRequestURI().getRawPath()));
        return span;
    }

    static String defaultName(HttpExchange exchange) {
        return exchange.getRequestMethod() + " " + exchange.getHttpContext().getPath();
    }

    /** The W3C form of {@code context}: what the response metric describes. */
    static String traceparent(SpanContext context) {
        StringBuilder b = new StringBuilder(55);
        Propagation.w3c().inject(context, b, (sb, name, value) -> {
            if (name.equals("traceparent")) {
                sb.append(value);
            }
        });
        return b.toString();
    }

    /** Configures a {@link TracingFilter}; not thread-safe. */
    public static final class Builder {
        private final Tracer tracer;
        private Propagation propagation = Propagation.composite(Propagation.w3c(), Propagation.b3Multi());
        private Function<HttpExchange, String> spanName = TracingFilter::defaultName;
        private Sampler deferred = Sampler.always();
        private boolean responseHeaders = true;

        private Builder(Tracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer == null");
        }

        /**
         * The formats a request's context is read from; default W3C Trace Context, then B3
         * (single or multi).
         */
        public Builder propagation(Propagation propagation) {
            this.propagation = Objects.requireNonNull(propagation, "propagation == null");
            return this;
        }

        /**
         * Names each request's span; default {@code "<METHOD> <context path>"}. A function that
         * throws or returns null gets the default name.
         */
        public Builder spanName(Function<HttpExchange, String> spanName) {
            this.spanName = Objects.requireNonNull(spanName, "spanName == null");
            return this;
        }

        /**
         * Decides the traces a caller sent ids for but left undecided (B3 without a sampling
         * state); default {@link Sampler#always()}. Traces with a caller's decision follow it;
         * new traces are the tracer's sampler's.
         */
        public Builder deferredSampler(Sampler sampler) {
            this.deferred = Objects.requireNonNull(sampler, "sampler == null");
            return this;
        }

        /** Whether to add {@code Server-Timing} and {@code X-Trace-Id} to responses; default true. */
        public Builder responseHeaders(boolean add) {
            this.responseHeaders = add;
            return this;
        }

        public TracingFilter build() {
            return new TracingFilter(this);
        }
    }
}
