package dev.telltale.spi;

import java.util.List;

/**
 * The publishing side of a backend. The pipeline calls it from its single publisher thread
 * only, so an implementation needs no locking of its own; it may block (that is what the
 * publisher thread is for) but should bound every wait, since {@code close()} of the pipeline
 * waits for it at most {@code telltale.flush.timeout}.
 *
 * <p><b>Failures.</b> Throwing from {@link #publish} says the whole batch failed and may succeed
 * later (the broker is away, the disk is full): the pipeline backs off and retries it, up to
 * {@code telltale.retry.attempts} times, then counts it as dropped ({@code backend-error}). A
 * backend that knows it finished with part of the batch before the rest failed (a broker confirmed
 * some messages, then the connection dropped) throws {@link PartialPublishException} naming that
 * part: it is counted at once and only the rest is retried. Otherwise a batch that retries after
 * a partial success may be delivered twice; delivery is at least once for retried batches.
 * Envelopes that can never be published (too large for the broker, refused by it) are reported in
 * the returned {@link Outcome} instead, and are not retried.
 *
 * <p><b>Recovery.</b> The pipeline opens a sink once ({@link Backend#openSink} is retried with
 * backoff until it succeeds) and then keeps it: it never closes and reopens a sink because
 * {@code publish} failed. A sink must therefore recover by itself when what it talks to comes
 * back (reconnect, replace a broken client) on a later {@code publish}. Between attempts the
 * pipeline backs off; it asks {@link #readyToRetry()} while it waits, so a sink that learns that
 * its backend is back can end the wait early.
 */
public interface Sink extends AutoCloseable {

    /**
     * Publishes {@code batch}, in order, blocking until the backend has taken responsibility for
     * it (written, confirmed, acknowledged: each backend documents which).
     *
     * @param batch one or more envelopes; the list is only valid during the call
     * @return how many envelopes were refused for good, and why; {@link Outcome#ALL_PUBLISHED}
     *     when none were
     * @throws PartialPublishException if part of the batch was settled and the rest should be
     *     retried
     * @throws Exception if the batch failed as a whole and should be retried
     */
    Outcome publish(List<Envelope> batch) throws Exception;

    /**
     * Whether the backend is known to be back since the last {@code publish} failed (a lost
     * connection was recovered, a broker stopped blocking), so that the pipeline should end its
     * backoff and try again now rather than when the backoff ends. The pipeline calls it from the
     * publisher thread while it backs off: when the wait starts and whenever that thread is
     * unparked. A sink that learns of a recovery on another thread may therefore {@link
     * java.util.concurrent.locks.LockSupport#unpark unpark} the thread that called {@code publish}
     * to be asked at once. Must not block; a throw counts as false.
     *
     * @return true to retry now; the default, false, waits out the backoff
     */
    default boolean readyToRetry() {
        return false;
    }

    /**
     * Releases the backend's resources. The pipeline calls it once, from the publisher thread;
     * a second call does nothing, and a {@link #publish} after it throws {@link
     * IllegalStateException} without sending anything. Should be bounded: the pipeline's own
     * close waits at most {@code telltale.flush.timeout} for it.
     */
    @Override
    void close() throws Exception;

    /**
     * The part of a batch a backend refused for good. Everything else in the batch counts as
     * published.
     *
     * @param tooLarge envelopes larger than the backend accepts
     * @param failed envelopes the backend refused for any other reason (a broker nack, a
     *     delivery that failed after the client's own retries)
     * @param reason a short human-readable reason for the log, or null when nothing was refused
     */
    record Outcome(int tooLarge, int failed, String reason) {

        /** Nothing refused. */
        public static final Outcome ALL_PUBLISHED = new Outcome(0, 0, null);

        /**
         * Checks the counts.
         *
         * @throws IllegalArgumentException if a count is negative
         */
        public Outcome {
            if (tooLarge < 0 || failed < 0) {
                throw new IllegalArgumentException("negative count: tooLarge=" + tooLarge + ", failed=" + failed);
            }
        }

        /** The number of envelopes refused, whatever the reason. */
        public int refused() {
            return tooLarge + failed;
        }
    }
}
