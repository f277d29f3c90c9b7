package dev.telltale.trace;

import java.util.List;
import java.util.Objects;

/**
 * Zipkin's B3 (https://github.com/openzipkin/b3-propagation): the single {@code b3} header and
 * the {@code X-B3-*} headers. Both forms are read, the single one first; one of them is written.
 * Trace ids of 64 bits (16 hex digits) have {@code traceIdHigh} 0 and are written back as 16.
 * Debug ({@code d}, {@code X-B3-Flags: 1}) is read as an accept decision and written as one.
 */
final class B3Propagation implements Propagation {

    static final B3Propagation SINGLE = new B3Propagation(true);
    static final B3Propagation MULTI = new B3Propagation(false);

    static final String B3 = "b3";
    static final String TRACE_ID = "x-b3-traceid";
    static final String SPAN_ID = "x-b3-spanid";
    static final String PARENT_ID = "x-b3-parentspanid";
    static final String SAMPLED = "x-b3-sampled";
    static final String FLAGS = "x-b3-flags";

    private final boolean single;
    private final List<String> fields;

    private B3Propagation(boolean single) {
        this.single = single;
        this.fields = single ? List.of(B3) : List.of(TRACE_ID, SPAN_ID, PARENT_ID, SAMPLED);
    }

    @Override
    public List<String> fields() {
        return fields;
    }

    @Override
    public <C> void inject(SpanContext context, C carrier, Setter<C> setter) {
        Objects.requireNonNull(context, "context == null");
        Objects.requireNonNull(setter, "setter == null");
        if (single) {
            setter.set(carrier, B3, single(context));
        } else {
            String traceId = context.traceIdHigh() == 0 ? SpanContext.hex(context.traceIdLow()) : context.traceIdHex();
            String sampled = context.sampled() ? "1" : "0";
            setter.set(carrier, TRACE_ID, traceId);
            setter.set(carrier, SPAN_ID, context.spanIdHex());
            if (context.parentId() != 0) {
                setter.set(carrier, PARENT_ID, SpanContext.hex(context.parentId()));
            }
            setter.set(carrier, SAMPLED, sampled);
        }
    }

    /** {@code {traceId}-{spanId}-{1|0}[-{parentId}]}, written in place: the header is the only string made. */
    static String single(SpanContext context) {
        boolean wide = context.traceIdHigh() != 0;
        int at = wide ? 32 : 16;
        char[] out = new char[at + 19 + (context.parentId() == 0 ? 0 : 17)];
        if (wide) {
            Hex.write(context.traceIdHigh(), out, 0);
        }
        Hex.write(context.traceIdLow(), out, at - 16);
        out[at] = '-';
        Hex.write(context.spanId(), out, at + 1);
        out[at + 17] = '-';
        out[at + 18] = context.sampled() ? '1' : '0';
        if (context.parentId() != 0) {
            out[at + 19] = '-';
            Hex.write(context.parentId(), out, at + 20);
        }
        return new String(out);
    }

    @Override
    public <C> Extracted extract(C carrier, Getter<C> getter) {
        Objects.requireNonNull(getter, "getter == null");
        String b3 = first(getter.values(carrier, B3));
        Extracted fromSingle = b3 == null ? null : parseSingle(Hex.stripOws(b3));
        if (fromSingle != null && fromSingle.problem() == null) {
            return fromSingle; // the single header wins over the multi ones
        }
        Extracted fromMulti = parseMulti(
                first(getter.values(carrier, TRACE_ID)), first(getter.values(carrier, SPAN_ID)),
                first(getter.values(carrier, PARENT_ID)), first(getter.values(carrier, SAMPLED)),
                first(getter.values(carrier, FLAGS)));
        if (fromSingle != null && fromMulti == Extracted.nothing()) {
            return fromSingle; // invalid, and nothing to fall back on
        }
        return fromMulti;
    }

    /** The first value of a header: B3 says the first wins. */
    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Extracted parseSingle(String v) {
        if (v.length() == 1) {
            Extracted.Sampling s = samplingState(v);
            return s == null ? Extracted.invalid("b3: '" + v + "' is not a sampling state (1, 0 or d)")
                    : new Extracted(null, s, null);
        }
        // {traceId}-{spanId}[-{sampled}[-{parentId}]], read by position: no array, no copies
        int d1 = v.indexOf('-');
        int d2 = d1 < 0 ? -1 : v.indexOf('-', d1 + 1);
        int d3 = d2 < 0 ? -1 : v.indexOf('-', d2 + 1);
        int d4 = d3 < 0 ? -1 : v.indexOf('-', d3 + 1);
        if (d1 < 0 || d4 >= 0) {
            return Extracted.invalid("b3: not {traceId}-{spanId}[-{sampled}[-{parentId}]]: '"
                    + W3cPropagation.shorten(v) + "'");
        }
        Extracted.Sampling sampling = Extracted.Sampling.DEFER;
        int spanEnd = d2 < 0 ? v.length() : d2;
        if (d2 >= 0) {
            int end = d3 < 0 ? v.length() : d3;
            sampling = end - d2 == 2 ? samplingState(v.charAt(d2 + 1)) : null;
            if (sampling == null) {
                return Extracted.invalid("b3: sampling state '" + W3cPropagation.shorten(v.substring(d2 + 1, end))
                        + "' is not 1, 0 or d");
            }
        }
        return context("b3", v, 0, d1, v, d1 + 1, spanEnd, v, d3 < 0 ? -1 : d3 + 1, v.length(), sampling);
    }

    static Extracted parseMulti(String traceId, String spanId, String parentId, String sampled, String flags) {
        Extracted.Sampling sampling = Extracted.Sampling.DEFER;
        if (flags != null) {
            String f = Hex.stripOws(flags);
            if (!f.equals("0") && !f.equals("1")) {
                return Extracted.invalid("X-B3-Flags: '" + W3cPropagation.shorten(f) + "' is not 1 (debug) or 0");
            }
            if (f.equals("1")) {
                sampling = Extracted.Sampling.SAMPLE;
            }
        }
        if (sampled != null && sampling == Extracted.Sampling.DEFER) {
            String s = Hex.stripOws(sampled);
            if (s.equals("1") || s.equals("true")) {
                sampling = Extracted.Sampling.SAMPLE;
            } else if (s.equals("0") || s.equals("false")) {
                sampling = Extracted.Sampling.DROP;
            } else {
                return Extracted.invalid("X-B3-Sampled: '" + W3cPropagation.shorten(s) + "' is not 1 or 0");
            }
        }
        if (traceId == null && spanId == null) {
            if (parentId != null) {
                return Extracted.invalid("X-B3-ParentSpanId without X-B3-TraceId and X-B3-SpanId");
            }
            return sampling == Extracted.Sampling.DEFER ? Extracted.nothing() : new Extracted(null, sampling, null);
        }
        if (traceId == null) {
            return Extracted.invalid("X-B3-SpanId without X-B3-TraceId");
        }
        if (spanId == null) {
            return Extracted.invalid("X-B3-TraceId without X-B3-SpanId");
        }
        String t = Hex.stripOws(traceId);
        String sp = Hex.stripOws(spanId);
        String p = parentId == null ? null : Hex.stripOws(parentId);
        return context("X-B3", t, 0, t.length(), sp, 0, sp.length(), p, p == null ? -1 : 0,
                p == null ? 0 : p.length(), sampling);
    }

    /**
     * The context whose trace id is {@code tv[t0, t1)}, span id {@code sv[s0, s1)} and parent id
     * {@code pv[p0, p1)} ({@code p0} -1: none), or why they are invalid.
     */
    private static Extracted context(String where, String tv, int t0, int t1, String sv, int s0, int s1, String pv,
            int p0, int p1, Extracted.Sampling sampling) {
        int n = t1 - t0;
        if ((n != 16 && n != 32) || !Hex.isLowerHex(tv, t0, t1)) {
            return Extracted.invalid(where + ": trace id '" + W3cPropagation.shorten(tv.substring(t0, t1))
                    + "' is not 16 or 32 lower-case hex digits");
        }
        long high = n == 32 ? Hex.parse(tv, t0, t0 + 16) : 0;
        long low = Hex.parse(tv, t1 - 16, t1);
        if (high == 0 && low == 0) {
            return Extracted.invalid(where + ": trace id is all zeros");
        }
        if (s1 - s0 != 16 || !Hex.isLowerHex(sv, s0, s1)) {
            return Extracted.invalid(where + ": span id '" + W3cPropagation.shorten(sv.substring(s0, s1))
                    + "' is not 16 lower-case hex digits");
        }
        long span = Hex.parse(sv, s0, s1);
        if (span == 0) {
            return Extracted.invalid(where + ": span id is all zeros");
        }
        long parent = 0;
        if (p0 >= 0) {
            if (p1 - p0 != 16 || !Hex.isLowerHex(pv, p0, p1)) {
                return Extracted.invalid(where + ": parent span id '" + W3cPropagation.shorten(pv.substring(p0, p1))
                        + "' is not 16 lower-case hex digits");
            }
            parent = Hex.parse(pv, p0, p1); // all zeros reads as "no parent", as for a root
        }
        int flags = sampling == Extracted.Sampling.SAMPLE ? SpanContext.SAMPLED : 0;
        return new Extracted(new SpanContext(high, low, span, parent, flags, ""), sampling, null);
    }

    /** {@code 1}, {@code d}: sample; {@code 0}: drop; anything else: null. */
    private static Extracted.Sampling samplingState(String s) {
        return s.length() == 1 ? samplingState(s.charAt(0)) : null;
    }

    private static Extracted.Sampling samplingState(char c) {
        switch (c) {
            case '1':
            case 'd':
                return Extracted.Sampling.SAMPLE;
            case '0':
                return Extracted.Sampling.DROP;
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return single ? "b3-single" : "b3-multi";
    }
}
