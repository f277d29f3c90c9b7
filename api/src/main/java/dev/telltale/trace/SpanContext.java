package dev.telltale.trace;

import java.util.Objects;

/**
 * What crosses a process boundary about a span: trace id (128 bits), span id, the parent's span
 * id, whether the trace is sampled, the W3C trace flags and {@code tracestate}. Immutable.
 *
 * <p>Ids are never zero (the specifications call an all-zero id invalid); {@code parentId} is 0
 * for a root span. A 64-bit trace id (B3's short form) has {@code traceIdHigh} 0.
 *
 * @param traceIdHigh the trace id's upper 64 bits
 * @param traceIdLow the trace id's lower 64 bits; with {@code traceIdHigh} never both zero
 * @param spanId this span's id, never 0
 * @param parentId the parent span's id, 0 for a root
 * @param flags W3C trace flags: bit 0 {@link #SAMPLED}, bit 1 {@link #RANDOM}; other bits are kept
 *     here but {@link Propagation} neither reads nor writes them (the specification reserves them)
 * @param traceState the W3C {@code tracestate} header to pass on, empty when none
 */
public record SpanContext(long traceIdHigh, long traceIdLow, long spanId, long parentId, int flags,
        String traceState) {

    /** W3C trace flag: the caller may have recorded this trace. */
    public static final int SAMPLED = 0x01;
    /** W3C Level 2 trace flag: the trace id's rightmost 7 bytes are random. */
    public static final int RANDOM = 0x02;

    /**
     * @throws IllegalArgumentException if the trace id or span id is zero or flags do not fit a byte
     * @throws NullPointerException if traceState is null
     */
    public SpanContext {
        if (traceIdHigh == 0 && traceIdLow == 0) {
            throw new IllegalArgumentException("trace id is zero");
        }
        if (spanId == 0) {
            throw new IllegalArgumentException("span id is zero");
        }
        if ((flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("flags " + flags + " do not fit one byte");
        }
        Objects.requireNonNull(traceState, "traceState == null");
    }

    /** Whether the sampled flag is set. */
    public boolean sampled() {
        return (flags & SAMPLED) != 0;
    }

    /** The trace id as 32 lower-case hex digits. */
    public String traceIdHex() {
        return hex(traceIdHigh) + hex(traceIdLow);
    }

    /** The span id as 16 lower-case hex digits. */
    public String spanIdHex() {
        return hex(spanId);
    }

    /** 16 lower-case hex digits of {@code id}, zero-padded. */
    public static String hex(long id) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = Character.forDigit((int) (id & 0xF), 16);
            id >>>= 4;
        }
        return new String(out);
    }
}
