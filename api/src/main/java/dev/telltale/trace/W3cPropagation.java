package dev.telltale.trace;

import java.util.List;
import java.util.Objects;

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context-2/): {@code traceparent} and {@code
 * tracestate}, parsed by the specification's rules for invalid and future-version headers.
 */
final class W3cPropagation implements Propagation {

    static final W3cPropagation INSTANCE = new W3cPropagation();

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    /** The length of a version 00 {@code traceparent}: 2 + 1 + 32 + 1 + 16 + 1 + 2. */
    static final int LENGTH = 55;
    /** The flags this version defines; others are reserved and must be sent as zero. */
    static final int KNOWN_FLAGS = SpanContext.SAMPLED | SpanContext.RANDOM;

    private static final List<String> FIELDS = List.of(TRACEPARENT, TRACESTATE);

    private W3cPropagation() {}

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public <C> void inject(SpanContext context, C carrier, Setter<C> setter) {
        Objects.requireNonNull(context, "context == null");
        Objects.requireNonNull(setter, "setter == null");
        setter.set(carrier, TRACEPARENT, traceparent(context));
        if (!context.traceState().isEmpty()) {
            setter.set(carrier, TRACESTATE, context.traceState());
        }
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, with only the flags this version defines. */
    static String traceparent(SpanContext context) {
        char[] out = new char[LENGTH]; // written in place: the header is the only string made
        out[0] = '0';
        out[1] = '0';
        out[2] = '-';
        Hex.write(context.traceIdHigh(), out, 3);
        Hex.write(context.traceIdLow(), out, 19);
        out[35] = '-';
        Hex.write(context.spanId(), out, 36);
        out[52] = '-';
        int flags = context.flags() & KNOWN_FLAGS;
        out[53] = '0';
        out[54] = (char) ('0' + flags); // 0 to 3
        return new String(out);
    }

    @Override
    public <C> Extracted extract(C carrier, Getter<C> getter) {
        Objects.requireNonNull(getter, "getter == null");
        List<String> parents = getter.values(carrier, TRACEPARENT);
        if (parents == null || parents.isEmpty()) {
            return Extracted.nothing(); // a tracestate alone is ignored: it needs its traceparent
        }
        if (parents.size() > 1) {
            return Extracted.invalid("traceparent: sent " + parents.size() + " times, once allowed");
        }
        String value = parents.get(0) == null ? "" : Hex.stripOws(parents.get(0));
        String problem = check(value);
        if (problem != null) {
            return Extracted.invalid("traceparent: " + problem + ": '" + shorten(value) + "'");
        }
        long high = Hex.parse(value, 3, 19);
        long low = Hex.parse(value, 19, 35);
        long spanId = Hex.parse(value, 36, 52);
        int flags = (int) Hex.parse(value, 53, 55) & KNOWN_FLAGS;
        TraceState.Result state = TraceState.parse(getter.values(carrier, TRACESTATE));
        SpanContext context = new SpanContext(high, low, spanId, 0, flags, state.value());
        return new Extracted(context, context.sampled() ? Extracted.Sampling.SAMPLE : Extracted.Sampling.DROP,
                state.problem() == null ? null : "tracestate: " + state.problem());
    }

    /** Why {@code v} is not a {@code traceparent} this implementation may use, or null. */
    static String check(String v) {
        if (v.length() < 3 || v.charAt(2) != '-' || !Hex.isLowerHex(v, 0, 2)) {
            return "the version is not 2 lower-case hex digits and '-'";
        }
        int version = (int) Hex.parse(v, 0, 2);
        if (version == 0xff) {
            return "version ff is invalid";
        }
        if (version == 0 && v.length() != LENGTH) {
            return "version 00 has " + LENGTH + " characters, not " + v.length();
        }
        if (v.length() < LENGTH) {
            return "shorter than " + LENGTH + " characters";
        }
        if (!Hex.isLowerHex(v, 3, 35) || v.charAt(35) != '-') {
            return "the trace-id is not 32 lower-case hex digits and '-'";
        }
        if (!Hex.isLowerHex(v, 36, 52) || v.charAt(52) != '-') {
            return "the parent-id is not 16 lower-case hex digits and '-'";
        }
        if (!Hex.isLowerHex(v, 53, 55)) {
            return "the trace-flags are not 2 lower-case hex digits";
        }
        if (v.length() > LENGTH && v.charAt(LENGTH) != '-') {
            return "the trace-flags are followed by '" + v.charAt(LENGTH) + "', not '-' or the end";
        }
        if (Hex.parse(v, 3, 19) == 0 && Hex.parse(v, 19, 35) == 0) {
            return "the trace-id is all zeros";
        }
        if (Hex.parse(v, 36, 52) == 0) {
            return "the parent-id is all zeros";
        }
        return null;
    }

    static String shorten(String v) {
        return v.length() <= 80 ? v : v.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return "w3c";
    }
}
