package dev.telltale.trace;

import java.util.Objects;

/**
 * Decides whether a new trace is recorded. Asked once per trace in each process: for a root span,
 * and for a span whose parent came from another process; a child of a local span inherits its
 * parent's decision, so a trace is recorded whole or not at all.
 *
 * <p>Decisions that depend on the trace id use its 56 lowest bits, which W3C Trace Context Level 2
 * requires to be random when the {@linkplain SpanContext#RANDOM random flag} is set (Telltale sets
 * it on every id it makes): every service using the same probability keeps the same traces,
 * without agreeing on anything but the rate.
 *
 * <p>Implementations are thread-safe, never block and never throw; they are called on the thread
 * that starts the span.
 */
@FunctionalInterface
public interface Sampler {

    /**
     * Whether to record the trace {@code traceIdHigh:traceIdLow}.
     *
     * @param traceIdHigh the trace id's upper 64 bits
     * @param traceIdLow the trace id's lower 64 bits
     * @param remoteParent the parent extracted from another process (its sampled flag is the
     *     caller's decision), or null for a new trace
     */
    boolean sample(long traceIdHigh, long traceIdLow, SpanContext remoteParent);

    /** Records every trace. */
    static Sampler always() {
        return Samplers.ALWAYS;
    }

    /** Records no trace. */
    static Sampler never() {
        return Samplers.NEVER;
    }

    /**
     * Records a trace when its id falls in the lowest {@code probability} of the id space: about
     * that share of all traces, the same traces in every service. 0 records none, 1 all, and
     * anything from 1e-6 on is honoured to within the statistics of the ids (the resolution is
     * 2<sup>-56</sup>).
     *
     * @throws IllegalArgumentException if {@code probability} is not in [0, 1]
     */
    static Sampler probability(double probability) {
        return Samplers.probability(probability);
    }

    /**
     * Records at most {@code tracesPerSecond} traces a second (with bursts of up to a second's
     * worth after a quiet spell), deciding in arrival order. Lock-free.
     *
     * @throws IllegalArgumentException if {@code tracesPerSecond} is less than 1
     */
    static Sampler rateLimited(int tracesPerSecond) {
        return new RateLimitedSampler(tracesPerSecond, System::nanoTime);
    }

    /**
     * Follows the caller's decision where a parent came from another process, and asks {@code
     * root} for new traces.
     *
     * @throws NullPointerException if {@code root} is null
     */
    static Sampler parentBased(Sampler root) {
        Objects.requireNonNull(root, "root == null");
        return (high, low, parent) -> parent != null ? parent.sampled() : root.sample(high, low, null);
    }

    /**
     * The sampler a specification names, as in {@code telltale.trace.sampler}: {@code always},
     * {@code never}, a probability such as {@code 0.001} or {@code 1e-6}, or {@code rate:N} for at
     * most N traces a second. Surrounding blanks are ignored.
     *
     * @throws NullPointerException if {@code spec} is null
     * @throws IllegalArgumentException naming the specification and what is wrong with it
     */
    static Sampler parse(String spec) {
        return Samplers.parse(spec);
    }
}
