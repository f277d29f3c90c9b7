package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.core.internal.json.JsonWriter;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Writes finished spans as Zipkin v2 JSON and joins them into the JSON list that {@code POST
 * /api/v2/spans} takes. Not thread-safe: the reporter's thread owns one.
 *
 * <p>The mapping: {@code traceId} as 16 lower-case hex digits when its upper half is zero, else
 * 32; {@code id} and {@code parentId} (left out for a root) as 16; {@code kind} left out for
 * {@link SpanKind#LOCAL}; {@code timestamp} and {@code duration} in microseconds, the duration
 * rounded and at least 1 (Zipkin reads 0 as "unknown"); {@code localEndpoint.serviceName};
 * {@code remoteEndpoint} with {@code serviceName}, {@code ipv4} or {@code ipv6} (by the form of
 * the address; an address that is neither is left out) and {@code port} when known; {@code
 * annotations}; {@code tags}, with the span's error as the tag {@code error} unless a tag of that
 * name was set. Strings longer than {@code maxChars} are cut with the core's marker ({@code
 * …[+N chars]}), which Zipkin stores as text.
 */
final class ZipkinEncoder {

    private final JsonWriter span;
    private final int maxSpanBytes;
    private int lastSize;

    /**
     * @param maxChars longest string before it is cut
     * @param maxSpanBytes largest span {@link #encode} accepts
     */
    ZipkinEncoder(int maxChars, int maxSpanBytes) {
        this.maxSpanBytes = maxSpanBytes;
        // twice the largest span, so that the writer never cuts a span that is not already too large:
        // it stops starting members only past maxSpanBytes
        long budget = Math.min(Integer.MAX_VALUE - 64L, 2L * maxSpanBytes + 4096);
        this.span = new JsonWriter(new JsonLimits(16, maxChars, Integer.MAX_VALUE, (int) budget));
    }

    /**
     * Encodes {@code s}; its bytes stay in this encoder until the next call.
     *
     * @return the encoded size, or -1 when it is larger than {@code maxSpanBytes}
     */
    int encode(FinishedSpan s) {
        JsonWriter w = span;
        w.reset();
        SpanContext c = s.context();
        w.beginObject();
        w.name("traceId").string(c.traceIdHigh() == 0 ? SpanContext.hex(c.traceIdLow()) : c.traceIdHex());
        if (c.parentId() != 0) {
            w.name("parentId").string(SpanContext.hex(c.parentId()));
        }
        w.name("id").string(SpanContext.hex(c.spanId()));
        if (s.kind() != SpanKind.LOCAL) {
            w.name("kind").string(s.kind().name());
        }
        w.name("name").string(s.name());
        w.name("timestamp").number(s.startEpochMicros());
        w.name("duration").number(durationMicros(s.durationNanos()));
        w.name("localEndpoint").beginObject().name("serviceName").string(s.localService()).endObject();
        if (s.remote() != null) {
            remote(w, s.remote());
        }
        if (!s.annotations().isEmpty()) {
            w.name("annotations").beginArray();
            for (FinishedSpan.Annotation a : s.annotations()) {
                w.beginObject().name("timestamp").number(a.epochMicros()).name("value").string(a.value()).endObject();
            }
            w.endArray();
        }
        boolean error = s.error() != null && !s.tags().containsKey("error");
        if (!s.tags().isEmpty() || error) {
            w.name("tags").beginObject();
            for (Map.Entry<String, String> tag : s.tags().entrySet()) {
                w.name(tag.getKey()).string(tag.getValue() == null ? "" : tag.getValue());
            }
            if (error) {
                w.name("error").string(s.error());
            }
            w.endObject();
        }
        w.endObject();
        int size = w.size();
        lastSize = size;
        return size > maxSpanBytes ? -1 : size;
    }

    /** The size of the span last encoded. */
    int lastSize() {
        return lastSize;
    }

    /** Appends the span last encoded to {@code batch}. */
    void appendTo(Batch batch) {
        batch.write(batch.count == 0 ? '[' : ',');
        try {
            span.writeTo(batch);
        } catch (java.io.IOException e) {
            throw new AssertionError("a byte array stream does not fail", e);
        }
        batch.count++;
    }

    /** Microseconds of {@code nanos}, rounded, at least 1. */
    static long durationMicros(long nanos) {
        long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
        return Math.max(1, micros);
    }

    private static void remote(JsonWriter w, FinishedSpan.Endpoint e) {
        w.name("remoteEndpoint").beginObject();
        if (e.serviceName() != null && !e.serviceName().isEmpty()) {
            w.name("serviceName").string(e.serviceName());
        }
        String ip = e.ip();
        if (ip != null) {
            if (isIpv4(ip)) {
                w.name("ipv4").string(ip);
            } else if (ip.indexOf(':') >= 0 && isIpv6(ip)) {
                w.name("ipv6").string(ip);
            }
        }
        if (e.port() > 0 && e.port() <= 65535) {
            w.name("port").number(e.port());
        }
        w.endObject();
    }

    /** Four decimal numbers 0-255 separated by dots. */
    static boolean isIpv4(String ip) {
        int parts = 0;
        int i = 0;
        int n = ip.length();
        while (i <= n && parts < 4) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 3 && ip.charAt(i) >= '0' && ip.charAt(i) <= '9') {
                value = value * 10 + (ip.charAt(i) - '0');
                i++;
            }
            if (i == start || value > 255) {
                return false;
            }
            parts++;
            if (i == n) {
                return parts == 4;
            }
            if (ip.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        return false;
    }

    /** Hex groups and colons (at most one {@code ::}), optionally a dotted IPv4 tail; no zone. */
    static boolean isIpv6(String ip) {
        if (ip.length() < 2 || ip.length() > 45) {
            return false;
        }
        for (int i = 0; i < ip.length(); i++) {
            char ch = ip.charAt(i);
            boolean ok = ch == ':' || ch == '.' || Character.digit(ch, 16) >= 0;
            if (!ok) {
                return false;
            }
        }
        try {
            // a literal with only hex digits, colons and dots is never resolved by name
            return java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** A JSON list of encoded spans, built up by {@link #appendTo}; reusable after {@link #clear()}. */
    static final class Batch extends ByteArrayOutputStream {
        private int count;

        Batch(int initialCapacity) {
            super(initialCapacity);
        }

        /** Spans in the batch. */
        int spans() {
            return count;
        }

        /** The size the batch will have, closing bracket included, with {@code spanBytes} more. */
        long sizeWith(int spanBytes) {
            return (long) size() + 1 + spanBytes + 1;
        }

        /** Ends the list; then {@link #bytes()} and {@link #size()} are the request body. */
        void finish() {
            write(']');
        }

        /** The buffer; the first {@link #size()} bytes are the body. */
        byte[] bytes() {
            return buf;
        }

        /** Empties the batch, keeping its buffer. */
        void clear() {
            reset();
            count = 0;
        }
    }
}
