package dev.telltale.spi;

import java.io.IOException;
import java.time.Duration;

/**
 * The consuming side of a backend: a stream of the envelopes that match a {@link Subscription},
 * used by the monitor. One thread at a time may call {@link #poll}; {@link #close} may be called
 * from any thread and makes a blocked {@code poll} return promptly.
 */
public interface Source extends AutoCloseable {

    /**
     * The next envelope whose routing key matches the subscription, waiting at most {@code
     * timeout} for one. A message whose routing key the backend cannot read at all (a malformed
     * line in a file) is returned too, whatever the patterns, with the routing key {@code ""},
     * so that the consumer can report it with its {@link #position()} instead of losing it.
     *
     * @return the envelope, or null if none arrived in time or the source has {@linkplain
     *     #ended() ended}
     * @throws IOException if reading failed and will not recover; the message says what and where
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    Envelope poll(Duration timeout) throws IOException, InterruptedException;

    /**
     * Whether this source will never return another envelope: a file read to its end without
     * following, or a closed source. Live sources (a broker subscription, a followed file)
     * end only when closed.
     */
    boolean ended();

    /**
     * Where the envelope last returned by {@link #poll} came from, for error messages: a file
     * and line, a partition and offset, a delivery tag. Empty before the first envelope.
     */
    String position();

    /** Stops consuming and releases the backend's resources. Idempotent. */
    @Override
    void close() throws IOException;
}
