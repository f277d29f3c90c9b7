package dev.telltale.junit.internal;

import dev.telltale.Event;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import dev.telltale.tool.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes each envelope's payload back into an {@link Event} ({@link Json#parseEvent}, the
 * monitor's reader: integers come back as {@code Long}, other numbers as {@code Double}, objects
 * as maps, arrays as lists) and adds the batch to a {@link MemoryStore}. Nothing is ever retried: a payload that does not decode (which would be a bug in
 * Telltale's encoder) is refused for good, counted by the pipeline as dropped ({@code
 * backend-error}), with the decoder's message as the reason.
 *
 * <p>Called by the publisher thread only, as the {@link Sink} contract says; it never blocks.
 */
final class MemorySink implements Sink {

    private final MemoryStore store;
    private boolean closed;

    MemorySink(MemoryStore store) {
        this.store = store;
    }

    /**
     * Decodes and stores {@code batch}.
     *
     * @return {@link Outcome#ALL_PUBLISHED}, or the number of payloads that did not decode
     * @throws IllegalStateException if the sink is closed
     */
    @Override
    public Outcome publish(List<Envelope> batch) {
        if (closed) {
            throw new IllegalStateException("the memory sink of store '" + store.name() + "' is closed");
        }
        List<Event> decoded = new ArrayList<>(batch.size());
        int failed = 0;
        String reason = null;
        for (Envelope envelope : batch) {
            try {
                byte[] payload = envelope.payload();
                decoded.add(Json.parseEvent(payload, 0, payload.length));
            } catch (IllegalArgumentException e) {
                failed++;
                if (reason == null) {
                    reason = "cannot decode a payload under " + envelope.routingKey() + ": " + e.getMessage();
                }
            }
        }
        store.addAll(decoded);
        return failed == 0 ? Outcome.ALL_PUBLISHED : new Outcome(0, failed, reason);
    }

    /** Stops taking events; the store keeps those it has. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "MemorySink{" + store + "}";
    }
}
