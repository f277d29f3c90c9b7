package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.config.Config;
import dev.telltale.internal.Fatal;
import dev.telltale.trace.FinishedSpan;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sinks of one engine, kept in an array so that handing on a span makes no iterator. A sink
 * that throws is shielded: the failure is counted, logged the first time, and the other sinks
 * still get the span.
 */
public final class SpanSinks implements AutoCloseable {

    /**
     * Every kind of sink Telltale knows, asked in order at start-up. Add a reporter's factory
     * here (see {@link SpanSink}).
     */
    static final List<SpanSink.Factory> FACTORIES = List.of(ZipkinSink::fromConfig);

    private static final System.Logger LOG = System.getLogger("dev.telltale.trace");

    /** Told of each sink's first failure. */
    interface FailureListener {
        void firstFailure(SpanSink sink, Throwable failure);
    }

    private final SpanSink[] sinks;
    private final AtomicBoolean[] warned;
    private final LongAdder failures = new LongAdder();
    private volatile FailureListener listener;

    /** Sinks given directly; for tests and for the engine. */
    public SpanSinks(List<SpanSink> sinks) {
        this.sinks = sinks.toArray(new SpanSink[0]);
        this.warned = new AtomicBoolean[this.sinks.length];
        for (int i = 0; i < warned.length; i++) {
            warned[i] = new AtomicBoolean();
        }
    }

    /**
     * The sinks {@code config} asks for, from {@link #FACTORIES}.
     *
     * @throws IllegalArgumentException if a factory finds its configuration malformed
     */
    public static SpanSinks from(Config config) {
        List<SpanSink> made = new ArrayList<>();
        for (SpanSink.Factory factory : FACTORIES) {
            SpanSink sink = factory.create(config);
            if (sink != null) {
                made.add(sink);
            }
        }
        return new SpanSinks(made);
    }

    /** Whether there is any sink, so that a finished span is worth building for them. */
    public boolean any() {
        return sinks.length > 0;
    }

    /** Hands {@code span} to every sink; never throws (fatal errors aside). */
    public void accept(FinishedSpan span) {
        SpanSink[] all = sinks;
        for (int i = 0; i < all.length; i++) {
            try {
                all[i].accept(span);
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
                failures.increment();
                if (warned[i].compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "telltale: span sink " + all[i].getClass().getName()
                            + " failed; its spans are dropped and counted, further failures are not logged", t);
                    FailureListener l = listener;
                    if (l != null) {
                        l.firstFailure(all[i], t);
                    }
                }
            }
        }
    }

    /** Hands {@code engine} to every sink ({@link SpanSink#attach}); a sink that throws is logged and kept. */
    void attach(dev.telltale.internal.Engine engine) {
        for (SpanSink sink : sinks) {
            try {
                sink.attach(engine);
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
                LOG.log(Level.WARNING, "telltale: span sink " + sink.getClass().getName() + " failed to attach", t);
            }
        }
    }

    /** Sets who is told of each sink's first failure (the engine, which publishes it). */
    void onFirstFailure(FailureListener listener) {
        this.listener = listener;
    }

    /** How many times a sink threw. */
    public long failures() {
        return failures.sum();
    }

    /** Closes every sink; never throws. */
    @Override
    public void close() {
        for (SpanSink sink : sinks) {
            try {
                sink.close();
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
                LOG.log(Level.WARNING, "telltale: span sink " + sink.getClass().getName() + " failed to close", t);
            }
        }
    }
}
