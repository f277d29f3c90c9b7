package dev.telltale.internal;

/**
 * Something the engine is timing on the thread that began it (today a context's life, recorded
 * as a JFR duration event; later probes' and tracing's spans): begun by an {@link Engine} method
 * such as {@link Engine#contextBegin}, ended once with {@link #end}.
 *
 * <p>When nothing records (no JFR recording wants it, or no core), engines return {@link #NOOP},
 * so callers never test for null and pay one interface call.
 */
public interface SpanHandle {

    /** The handle of a span nothing records; {@link #end} does nothing. */
    SpanHandle NOOP = new SpanHandle() {
        @Override
        public void end(boolean abandoned) {}

        @Override
        public String toString() {
            return "SpanHandle.NOOP";
        }
    };

    /**
     * Ends the span now and records it if a recording still wants it. Call it once, from any
     * thread. Implementations should not throw; callers on the application's thread still guard
     * the call.
     *
     * @param abandoned whether the span ended without its owner ending it (a context the garbage
     *     collector reclaimed)
     */
    void end(boolean abandoned);
}
