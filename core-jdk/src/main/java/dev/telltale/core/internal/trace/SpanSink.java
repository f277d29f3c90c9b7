package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.config.Config;
import dev.telltale.internal.Engine;
import dev.telltale.trace.FinishedSpan;

/**
 * Where finished, sampled spans leave the process besides the pipeline and JFR: a reporter such
 * as Zipkin's. One engine holds the sinks its {@link Factory factories} made from its
 * configuration, calls {@link #accept} for every finished sampled span, and {@link #close()}s them
 * when it closes.
 *
 * <p><b>Contract.</b> {@link #accept} is called on the thread that ended the span, often the
 * application's: it must not block, do I/O or take a lock a slow server can hold. Queue the span
 * (bounded; count what is dropped) and send from a thread of your own. It may be called from many
 * threads at once. An exception it throws is caught and counted ({@link SpanSinks#failures()});
 * the first one of each sink is logged and published as a {@code span.sink-error} event; the span
 * still goes to the other sinks. Count your own drops (a full queue, a server that refuses a batch)
 * and report them the same way.
 *
 * <p><b>Adding a sink</b> (how the Zipkin reporter plugs in): write a {@link Factory} that reads
 * its own keys (declare them in {@link dev.telltale.core.internal.config.CoreKeys}, e.g. {@code
 * telltale.trace.zipkin.url}, and add them to {@code CoreKeys.ALL} and the README's table) and
 * returns null when it is not configured; then add one line for it to {@link SpanSinks#FACTORIES}.
 */
public interface SpanSink extends AutoCloseable {

    /** Takes one finished, sampled span; never blocks. */
    void accept(FinishedSpan span);

    /**
     * Called once, before the first span, with the engine whose spans this sink gets: keep it to
     * publish the sink's own reports (drops, a server that refuses batches) as events, with
     * {@link dev.telltale.internal.Stamp#offer}, from the sink's own thread. Does nothing by
     * default. Must not throw.
     */
    default void attach(Engine engine) {}

    /**
     * Sends what is queued within a bounded time and stops; called once, when the engine closes,
     * on the closing thread. Never throws.
     */
    @Override
    default void close() {}

    /** Makes a sink from the engine's configuration. */
    @FunctionalInterface
    interface Factory {

        /**
         * The sink {@code config} asks for, or null when it asks for none.
         *
         * @throws IllegalArgumentException if the configuration is malformed; the message names
         *     the key and the value
         */
        SpanSink create(Config config);
    }
}
