package dev.telltale.spi;

import java.util.BitSet;
import java.util.Objects;

/**
 * Thrown by {@link Sink#publish} when a batch failed after the backend had finished with part of
 * it: it took some envelopes (a broker confirmed them before the connection dropped) or refused
 * some for good. The pipeline counts the settled envelopes now, as published or as {@link
 * #outcome() refused}, and retries only the others, so a message the backend already took is
 * neither sent again nor counted as lost.
 *
 * <p>Immutable; the bit set is copied in and out.
 */
public final class PartialPublishException extends Exception {

    private static final long serialVersionUID = 1L;

    private final BitSet settled;
    private final Sink.Outcome outcome;

    /**
     * @param message why the rest of the batch failed, for the log
     * @param cause the failure behind it, or null
     * @param settled the indices, in the batch given to {@code publish}, of the envelopes the
     *     backend has finished with: published, or refused as {@code outcome} counts
     * @param outcome how many of the settled envelopes were refused, and why; {@link
     *     Sink.Outcome#ALL_PUBLISHED} when all of them were published
     * @throws NullPointerException if {@code settled} or {@code outcome} is null
     * @throws IllegalArgumentException if {@code outcome} refuses more envelopes than are settled
     */
    public PartialPublishException(String message, Throwable cause, BitSet settled, Sink.Outcome outcome) {
        super(message, cause);
        Objects.requireNonNull(settled, "settled == null");
        Objects.requireNonNull(outcome, "outcome == null");
        if (outcome.refused() > settled.cardinality()) {
            throw new IllegalArgumentException("outcome refuses " + outcome.refused() + " envelopes but only "
                    + settled.cardinality() + " are settled");
        }
        this.settled = (BitSet) settled.clone();
        this.outcome = outcome;
    }

    /** The indices of the settled envelopes (a copy). */
    public BitSet settled() {
        return (BitSet) settled.clone();
    }

    /** How many of the settled envelopes were refused for good; the rest of them were published. */
    public Sink.Outcome outcome() {
        return outcome;
    }
}
