package dev.telltale.context;

import dev.telltale.internal.CurrentSpans;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.Fields;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links a context born inside a recording span with that span, both ways: the born event gets
 * the fields {@code traceId} and {@code spanId} (unless the context's own fields use those names),
 * and the span the tag {@code context.<routingKey>} with the context's id.
 */
final class ContextTrace {

    /** The born event's field holding the trace id, 32 hex digits. */
    static final String TRACE_ID = "traceId";
    /** The born event's field holding the span id, 16 hex digits. */
    static final String SPAN_ID = "spanId";

    private ContextTrace() {}

    /** {@code born}, with the current recording span's ids added; never throws (fatal errors aside). */
    static Map<String, Object> link(Map<String, Object> born, String routingKey, String id) {
        try {
            Span span = CurrentSpans.current();
            if (!span.isRecording()) {
                return born;
            }
            SpanContext c = span.context();
            span.tag("context." + routingKey, id);
            Map<String, Object> out = new LinkedHashMap<>(born);
            out.putIfAbsent(TRACE_ID, c.traceIdHex());
            out.putIfAbsent(SPAN_ID, c.spanIdHex());
            return Fields.copyOf(out);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return born;
        }
    }
}
