package dev.telltale.core.internal.trace;

import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import java.util.List;
import java.util.Map;

/** Finished spans for the reporter's tests. */
final class Spans {

    private Spans() {}

    /** A local root span with one tag, ids made from {@code n}. */
    static FinishedSpan span(long n) {
        return new FinishedSpan(new SpanContext(0x1234L, n, n, 0, SpanContext.SAMPLED, ""), "op-" + n,
                SpanKind.LOCAL, "svc", null, 1_700_000_000_000_000L + n, 2_000, Map.of("n", Long.toString(n)),
                List.of(), null);
    }

    /** A local span with one tag of {@code chars} chars. */
    static FinishedSpan withTag(long n, int chars) {
        return new FinishedSpan(new SpanContext(0x1234L, n, n, 0, SpanContext.SAMPLED, ""), "big", SpanKind.LOCAL,
                "svc", null, 1_700_000_000_000_000L, 2_000, Map.of("big", "x".repeat(chars)), List.of(), null);
    }

    /** Many tags of {@code chars} chars each. */
    static FinishedSpan withTags(long n, int tags, int chars) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < tags; i++) {
            map.put("t" + i, "y".repeat(chars));
        }
        return new FinishedSpan(new SpanContext(0x1234L, n, n, 0, SpanContext.SAMPLED, ""), "huge", SpanKind.LOCAL,
                "svc", null, 1_700_000_000_000_000L, 2_000, map, List.of(), null);
    }
}
