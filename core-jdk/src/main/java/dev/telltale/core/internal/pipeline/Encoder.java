package dev.telltale.core.internal.pipeline;

import dev.telltale.Event;

/** Turns an event into its payload. One per publisher thread; need not be thread-safe. */
@FunctionalInterface
public interface Encoder {

    /**
     * The event's UTF-8 JSON, at most {@code telltale.event.max-bytes} long unless the event's
     * metadata and headers leave no room for its fields (the pipeline drops those as too large).
     * Must not throw for any event; the pipeline treats a throw as a bug.
     */
    byte[] encode(Event event);
}
