package dev.telltale.monitor;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.tool.BackendSources;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Messages from a backend's consuming side. The subscription carries the topic patterns, so a
 * broker can filter at the source; the decoder applies them again, so that every backend behaves
 * the same. Malformed payloads are reported with {@link Source#position()}.
 */
final class BackendInput implements Input {

    private static final int ENVELOPES_BETWEEN_CLOCK_READS = 256;

    private final Source source;
    private final MessageDecoder decoder;

    private BackendInput(Source source, MessageDecoder decoder) {
        this.source = source;
        this.decoder = decoder;
    }

    /**
     * Opens the backend the options name (or the configured one) for their patterns and
     * subscription options.
     *
     * @throws IllegalArgumentException if a setting or option is unknown or malformed, or the
     *     backend is not present
     * @throws IOException if the backend cannot be reached or read
     */
    static BackendInput open(MonitorOptions options, MessageDecoder decoder) throws IOException {
        Subscription subscription = new Subscription(options.patterns(), options.subscriptionOptions());
        try {
            return new BackendInput(BackendSources.open(options.backend(), options.settings(), subscription), decoder);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while opening the backend");
            io.initCause(e);
            throw io;
        } catch (Exception e) {
            throw new IOException("cannot open the backend: " + e, e);
        }
    }

    @Override
    public Message next(long timeoutNanos) throws IOException, InterruptedException {
        long started = System.nanoTime();
        int envelopes = 0;
        while (true) {
            long left = Math.max(0, timeoutNanos - (System.nanoTime() - started));
            Envelope e = source.poll(Duration.ofNanos(left));
            if (e == null) {
                return null;
            }
            byte[] payload = e.payload();
            Message m = decoder.decode(payload, 0, payload.length, false, e.routingKey(), e.headers(), source.position(), -1);
            if (m != null) {
                return m;
            }
            if (++envelopes % ENVELOPES_BETWEEN_CLOCK_READS == 0 && System.nanoTime() - started >= timeoutNanos) {
                return null;
            }
        }
    }

    @Override
    public boolean ended() {
        return source.ended();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
