package dev.telltale.trace;

import java.util.List;
import java.util.Objects;

/**
 * Writes a {@link SpanContext} into the headers of an outgoing request and reads it back from an
 * incoming one, in one of the formats tracers agree on: W3C Trace Context ({@link #w3c()}) or
 * Zipkin's B3 ({@link #b3Single()}, {@link #b3Multi()}), or several at once ({@link #composite}).
 *
 * <p>The carrier is anything with headers (an {@code HttpExchange}, an {@code HttpRequest.Builder},
 * a map, a message's properties); a {@link Getter} and a {@link Setter} say how to read and write
 * it. Header names passed to them are lower case; a getter for a case-sensitive carrier must
 * compare names ignoring case, as HTTP does.
 *
 * <p>Extraction never throws on bad input: a header that breaks its specification's rules is
 * ignored, {@link Extracted#problem()} says why, and the caller starts a new trace. Both
 * operations are thread-safe and keep no state; they allocate only the strings they write or the
 * context they read. Only a null argument throws ({@link NullPointerException} naming it).
 */
public interface Propagation {

    /** Reads every value of header {@code name} (lower case) from a carrier. */
    @FunctionalInterface
    interface Getter<C> {
        /**
         * Returns the values of {@code name}, one per header line, in the order received; an empty
         * list or null when the header is absent.
         */
        List<String> values(C carrier, String name);
    }

    /** Sets header {@code name} (lower case) on a carrier, replacing any value it had. */
    @FunctionalInterface
    interface Setter<C> {
        void set(C carrier, String name, String value);
    }

    /**
     * W3C Trace Context: {@code traceparent} and {@code tracestate}, with Level 2's random
     * trace-id flag. Injects version {@code 00}; extracts later versions by the specification's
     * rules for them. A {@code tracestate} longer than 512 characters is cut by whole entries as
     * the specification says (entries over 128 characters first, then from the right).
     */
    static Propagation w3c() {
        return W3cPropagation.INSTANCE;
    }

    /**
     * B3 as one header, {@code b3: {traceId}-{spanId}-{1|0}-{parentId}}. Extraction reads the
     * single header and, when it is absent or invalid, the multi-header form, as the B3
     * specification wants (the single header wins).
     */
    static Propagation b3Single() {
        return B3Propagation.SINGLE;
    }

    /**
     * B3 as {@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-ParentSpanId} and {@code
     * X-B3-Sampled}. Extraction is the same as {@link #b3Single()}'s.
     */
    static Propagation b3Multi() {
        return B3Propagation.MULTI;
    }

    /**
     * Several formats at once: injection writes every one; extraction returns the first in
     * order that found a context, else the first that found a sampling decision, else an empty
     * result carrying the first problem seen. {@code composite(w3c(), b3Multi())} is what a
     * server should use when its callers may speak either.
     *
     * @throws IllegalArgumentException if no format is given
     * @throws NullPointerException if {@code formats} or one of them is null
     */
    static Propagation composite(Propagation... formats) {
        Objects.requireNonNull(formats, "formats == null");
        for (int i = 0; i < formats.length; i++) {
            Objects.requireNonNull(formats[i], "formats[" + i + "] == null");
        }
        return new CompositePropagation(List.of(formats));
    }

    /** The header names (lower case) this format reads and writes. */
    List<String> fields();

    /** Writes {@code context} into {@code carrier}. */
    <C> void inject(SpanContext context, C carrier, Setter<C> setter);

    /** Reads a context from {@code carrier}; never throws for what the carrier holds. */
    <C> Extracted extract(C carrier, Getter<C> getter);

    /** A getter for a {@code Map<String, List<String>>} whose keys are compared ignoring case. */
    static Getter<java.util.Map<String, List<String>>> mapGetter() {
        return (map, name) -> {
            Objects.requireNonNull(map, "carrier == null");
            List<String> exact = map.get(name);
            if (exact != null) {
                return exact;
            }
            for (var e : map.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        };
    }
}
