package dev.telltale.context;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.SpanHandle;
import dev.telltale.internal.Stamp;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a context needs to announce its messages, and its end: everything but its fields. Held
 * by the context and by the {@link java.lang.ref.Cleaner} action that finishes a context the
 * application forgot, so it must never refer back to the {@link Context} itself.
 */
final class ContextLife implements Runnable {

    final Engine engine;
    final String routingKey;
    final String id;
    final Map<String, String> headers;
    final Mirror mirror;
    private final long startNanos = System.nanoTime();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** The JFR span of a context that is not transient; {@link SpanHandle#NOOP} otherwise. */
    private final SpanHandle span;
    private volatile boolean closedByApplication;

    ContextLife(Engine engine, String routingKey, String id, Map<String, String> headers, Mirror mirror, boolean span) {
        this.engine = engine;
        this.routingKey = routingKey;
        this.id = id;
        this.headers = headers;
        this.mirror = mirror;
        this.span = span ? begin(engine, routingKey, id) : SpanHandle.NOOP;
    }

    private static SpanHandle begin(Engine engine, String routingKey, String id) {
        try {
            SpanHandle h = engine.contextBegin(routingKey, id);
            return h != null ? h : SpanHandle.NOOP;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return SpanHandle.NOOP;
        }
    }

    /** Publishes one message of this context; never throws. */
    void emit(String kind, Map<String, ?> fields) {
        Stamp.offer(engine, kind, routingKey, id, seq.incrementAndGet(), headers, fields);
    }

    boolean isFinished() {
        return finished.get();
    }

    /** Marks that the application closed the context; the cleaner then runs this at once. */
    void closing() {
        closedByApplication = true;
    }

    /** Sends {@code context.finished}, once, and mirrors it: on close, or from the cleaner when reclaimed. */
    @Override
    public void run() {
        mirror(finish());
    }

    /**
     * Sends {@code context.finished} unless it was sent already; returns the mirror line to log
     * for it (outside the context's lock), or null when there is none.
     */
    String finish() {
        if (!finished.compareAndSet(false, true)) {
            return null;
        }
        boolean reclaimed = !closedByApplication;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        emit("context.finished", Map.of("elapsed", elapsed, "reclaimed", reclaimed));
        try {
            span.end(reclaimed);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
        if (mirror == null) {
            return null;
        }
        return routingKey + " " + id + ": finished, elapsed = " + String.format("%.6f", elapsed) + " s"
                + (reclaimed ? " (reclaimed, never closed)" : "");
    }

    /** Logs {@code line} to the mirror, if there is one and a line; never throws. */
    void mirror(String line) {
        if (mirror != null && line != null) {
            mirror.info(line);
        }
    }
}
