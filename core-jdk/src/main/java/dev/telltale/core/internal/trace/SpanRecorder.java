package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.jfr.SpanRecord;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.Fields;
import dev.telltale.internal.Stamp;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.SpanContext;
import java.util.Arrays;
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
            if (jfr != null) {
                commit(jfr, span);
            }
            boolean toSinks = sinks.any();
            if (!events && !toSinks) {
                return;
            }
            FinishedSpan finished = span.finished(duration);
            if (toSinks) {
                sinks.accept(finished);
            }
            if (events) {
                Stamp.offer(engine, KIND, ROUTING_KEY, span.service, seq(span.service).incrementAndGet(), Map.of(),
                        fields(finished));
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    private AtomicLong seq(String service) {
        AtomicLong seq = seqs.get(service);
        return seq != null ? seq : seqs.computeIfAbsent(service, s -> new AtomicLong());
    }

    private static void commit(SpanRecord jfr, RecordingSpan span) {
        jfr.end();
        if (jfr.shouldCommit()) {
            jfr.name = span.name;
            jfr.kind = span.kind.name();
            jfr.service = span.service;
            jfr.traceId = SpanContext.hex(span.traceIdHigh) + SpanContext.hex(span.traceIdLow);
            jfr.spanId = SpanContext.hex(span.spanId);
            jfr.parentId = span.parentId == 0 ? "" : SpanContext.hex(span.parentId);
            jfr.error = span.errorText();
            jfr.commit();
        }
    }

    /** The fields of a {@code span} event (docs/EVENTS.md), in a fixed order; absent ones left out. */
    static Fields fields(FinishedSpan span) {
        SpanContext c = span.context();
        Object[] kv = new Object[26];
        int n = 0;
        kv[n++] = "traceId";
        kv[n++] = c.traceIdHex();
        kv[n++] = "spanId";
        kv[n++] = c.spanIdHex();
        if (c.parentId() != 0) {
            kv[n++] = "parentId";
            kv[n++] = SpanContext.hex(c.parentId());
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
        if (!span.annotations().isEmpty()) {
            kv[n++] = "annotations";
            kv[n++] = span.annotations();
        }
        if (span.remote() != null) {
            kv[n++] = "remote";
            kv[n++] = span.remote();
        }
        if (span.error() != null) {
            kv[n++] = "error";
            kv[n++] = span.error();
        }
        if (!c.traceState().isEmpty()) {
            kv[n++] = "traceState";
            kv[n++] = c.traceState();
        }
        return Fields.ofPairs(n == kv.length ? kv : Arrays.copyOf(kv, n));
    }
}
