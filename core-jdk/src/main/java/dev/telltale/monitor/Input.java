package dev.telltale.monitor;

import java.io.IOException;

/**
 * Where a {@link MonitorStream} reads messages from: a backend's {@link dev.telltale.spi.Source},
 * or lines of an input stream. {@link #next} is called by one thread; {@link #close} may be called
 * from any thread and makes a waiting {@code next} return null promptly.
 */
interface Input {

    /**
     * The next well-formed message that passes the topic patterns, waiting at most {@code
     * timeoutNanos} (0: only what is at hand). Malformed inputs are reported and skipped on the
     * way.
     *
     * @return the message, or null on timeout, at the end, or once closed
     * @throws IOException if reading failed for good
     * @throws InterruptedException if interrupted while waiting
     */
    Message next(long timeoutNanos) throws IOException, InterruptedException;

    /** Whether {@link #next} will never return another message. */
    boolean ended();

    /** Stops reading and releases the input. Idempotent; any thread. */
    void close() throws IOException;
}
