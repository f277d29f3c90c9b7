package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.jfr.SpanRecord;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.Fields;
import dev.telltale.internal.Stamp;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.SpanContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Where an engine's sampled spans go when they end, on the thread that ends them: the JFR event
 * begun at their start (committed if the recording still wants it), the pipeline as a {@code
 * span} event, and the {@link SpanSinks}. Never throws (fatal errors aside): a failure loses that
 * span's copies, not the application's work.
 */
final class SpanRecorder {

    /** The routing key of {@code span} events. */
    static final String ROUTING_KEY = "telltale.trace";
    /** Their kind. */
    static final String KIND = "span";

    private final Engine engine;
    private final SpanSinks sinks;
    private final boolean events;
    private final BooleanSupplier jfrUsable;
    /** Each service's count of {@code span} events, their {@code seq}. */
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();

    SpanRecorder(Engine engine, SpanSinks sinks, boolean events, BooleanSupplier jfrUsable) {
        this.engine = engine;
        this.sinks = sinks;
        this.events = events;
        this.jfrUsable = jfrUsable;
    }

    /** A begun JFR event for a span starting now, or null when no recording wants one. */
    SpanRecord jfrBegin() {
        return jfrUsable.getAsBoolean() ? SpanRecord.begun() : null;
    }

    /** Records {@code span}, which ended at {@code endNanos}. */
    void finish(RecordingSpan span, long endNanos) {
        try {
            long duration = endNanos - span.startNanos;
            SpanRecord jfr = span.jfr;
            SpanRecord committed = jfr != null && commit(jfr, span) ? jfr : null;
            boolean toSinks = sinks.any();
            if (!events && !toSinks) {
                return;
            }
            FinishedSpan finished = span.finished(duration);
            if (toSinks) {
                sinks.accept(finished);
            }
            if (events) {
                Stamp.offer(engine, KIND, ROUTING_KEY, span.tracer.service, span.tracer.seq.incrementAndGet(), Map.of(),
                        fields(finished, committed));
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    /** The counter of {@code service}'s {@code span} events, their {@code seq}; one per service. */
    AtomicLong seq(String service) {
        AtomicLong seq = seqs.get(service);
        return seq != null ? seq : seqs.computeIfAbsent(service, s -> new AtomicLong());
    }

    /** Ends {@code jfr} and commits it if the recording still wants it; returns whether it did. */
    private static boolean commit(SpanRecord jfr, RecordingSpan span) {
        jfr.end();
        if (jfr.shouldCommit()) {
            jfr.name = span.name;
            jfr.kind = span.kind.name();
            SpanContext c = span.context;
            jfr.service = span.tracer.service;
            jfr.traceId = Hex.of(c.traceIdHigh(), c.traceIdLow());
            jfr.spanId = Hex.of(c.spanId());
            jfr.parentId = c.parentId() == 0 ? "" : Hex.of(c.parentId());
            jfr.error = span.errorText();
            jfr.commit();
            return true;
        }
        return false;
    }

    /**
     * The fields of a {@code span} event (docs/EVENTS.md), in a fixed order; absent ones left out.
     * The hex ids come from {@code committed}, the span's JFR record just committed with them, when
     * not null: each id's text is made once per span.
     */
    static Fields fields(FinishedSpan span, SpanRecord committed) {
        SpanContext c = span.context();
        boolean parent = c.parentId() != 0;
        boolean annotations = !span.annotations().isEmpty();
        boolean remote = span.remote() != null;
        boolean error = span.error() != null;
        boolean state = !c.traceState().isEmpty();
        Object[] kv = new Object[16 + ((parent ? 2 : 0) + (annotations ? 2 : 0) + (remote ? 2 : 0) + (error ? 2 : 0)
                + (state ? 2 : 0))]; // exactly sized: no copy
        int n = 0;
        kv[n++] = "traceId";
        kv[n++] = committed != null ? committed.traceId : Hex.of(c.traceIdHigh(), c.traceIdLow());
        kv[n++] = "spanId";
        kv[n++] = committed != null ? committed.spanId : Hex.of(c.spanId());
        if (parent) {
            kv[n++] = "parentId";
            kv[n++] = committed != null ? committed.parentId : Hex.of(c.parentId());
        }
        kv[n++] = "name";
        kv[n++] = span.name();
        kv[n++] = "kind";
        kv[n++] = span.kind().name();
        kv[n++] = "service";
        kv[n++] = span.localService();
        kv[n++] = "startMicros";
        kv[n++] = span.startEpochMicros();
        kv[n++] = "durationNanos";
        kv[n++] = span.durationNanos();
        kv[n++] = "tags";
        kv[n++] = span.tags();
        if (annotations) {
            kv[n++] = "annotations";
            kv[n++] = span.annotations();
        }
        if (remote) {
            kv[n++] = "remote";
            kv[n++] = span.remote();
        }
        if (error) {
            kv[n++] = "error";
            kv[n++] = span.error();
        }
        if (state) {
            kv[n++] = "traceState";
            kv[n++] = c.traceState();
        }
        return Fields.ofPairs(kv);
    }
}
