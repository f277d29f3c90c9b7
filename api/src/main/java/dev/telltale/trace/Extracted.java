package dev.telltale.trace;

/**
 * What {@link Propagation#extract} found in a request: the caller's span (to be the parent of the
 * span that handles it), the caller's sampling decision, and why a header present was ignored.
 *
 * <p>The {@code context}'s span id is the caller's span; a server starts a child of it. B3 also
 * carries the caller's own parent ({@code context.parentId()}); W3C does not (0).
 *
 * @param context the caller's span, or null when no valid one was sent (start a new trace)
 * @param sampling the caller's decision; {@link Sampling#DEFER} leaves it to the receiver's sampler
 * @param problem why a header that was present was ignored ({@code "traceparent: version ff is
 *     invalid"}), or null when nothing was wrong
 */
public record Extracted(SpanContext context, Sampling sampling, String problem) {

    /** A caller's sampling decision, as B3 and W3C's sampled flag carry it. */
    public enum Sampling {
        /** Record this trace (W3C sampled flag set; B3 {@code 1} or debug). */
        SAMPLE,
        /** Do not record it (W3C sampled flag clear; B3 {@code 0}). */
        DROP,
        /** The caller did not decide (no headers, or B3 ids without a sampling state). */
        DEFER
    }

    private static final Extracted NOTHING = new Extracted(null, Sampling.DEFER, null);

    public Extracted {
        java.util.Objects.requireNonNull(sampling, "sampling == null");
    }

    /** No context, no decision, nothing wrong: the request carried no tracing headers. */
    public static Extracted nothing() {
        return NOTHING;
    }

    /** No usable context because a header was invalid; {@code problem} says why. */
    public static Extracted invalid(String problem) {
        return new Extracted(null, Sampling.DEFER, java.util.Objects.requireNonNull(problem, "problem == null"));
    }

    /** A valid context, with the decision its flags carry. */
    public static Extracted of(SpanContext context) {
        return new Extracted(context, context.sampled() ? Sampling.SAMPLE : Sampling.DROP, null);
    }

    /** Whether a caller's span was found. */
    public boolean found() {
        return context != null;
    }
}
