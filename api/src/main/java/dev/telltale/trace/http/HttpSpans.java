package dev.telltale.trace.http;

import dev.telltale.trace.Extracted;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;
import java.util.concurrent.ThreadLocalRandom;

/** What the filter and the client share: tags, the parent a request's headers give, ids. */
final class HttpSpans {

    /** Tag naming why a tracing header of the request was ignored. */
    static final String IGNORED_TAG = "http.trace_header_ignored";

    private HttpSpans() {}

    /** Tags the status; a 5xx also sets the {@code error} tag to the code, as Zipkin shows it. */
    static void status(Span span, int status) {
        if (status > 0) {
            span.tag("http.status_code", status);
            if (status >= 500) {
                span.tag("error", String.valueOf(status));
            }
        }
    }

    /**
     * The parent a server span gets from what the request carried: the caller's span when it
     * decided; the caller's ids with {@code deferred}'s decision when it left that to us (B3 ids
     * without a sampling state); for a decision without ids, a new trace that keeps a "do not
     * sample" (a made-up unsampled parent: nothing is recorded, and the decision goes downstream)
     * and leaves an "accept" to the tracer's sampler; null for nothing.
     */
    static SpanContext parent(Extracted extracted, Sampler deferred) {
        SpanContext c = extracted.context();
        switch (extracted.sampling()) {
            case DEFER:
                if (c == null) {
                    return null;
                }
                boolean sample = deferred.sample(c.traceIdHigh(), c.traceIdLow(), null);
                int flags = sample ? c.flags() | SpanContext.SAMPLED : c.flags() & ~SpanContext.SAMPLED;
                return new SpanContext(c.traceIdHigh(), c.traceIdLow(), c.spanId(), c.parentId(), flags, c.traceState());
            case DROP:
                return c != null ? c : new SpanContext(nonZero(), nonZero(), nonZero(), 0, SpanContext.RANDOM, "");
            default:
                return c;
        }
    }

    private static long nonZero() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }

    /** Whether {@code host} is an IP address literal (not a name to resolve). */
    static boolean isIpLiteral(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.indexOf(':') >= 0) {
            return true; // IPv6; URI.getHost() keeps the brackets, the caller strips them
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
