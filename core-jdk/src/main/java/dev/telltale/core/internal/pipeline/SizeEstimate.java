package dev.telltale.core.internal.pipeline;

import dev.telltale.Event;
import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.internal.Fields;
import java.util.Collection;
import java.util.Map;

/**
 * A cheap estimate of an event's encoded size, taken on the producer's thread for the queue's
 * byte bound. It looks one level into the fields (strings by length, containers by element
 * count), applies the same caps as the encoder, and never exceeds {@code limits.maxBytes()},
 * since the encoder cuts every event to that size. A value whose {@code size()} or {@code
 * length()} throws counts as an object; never throws.
 */
final class SizeEstimate {

    /** Member names, punctuation, seq, time and pid. */
    private static final int FIXED = 128;
    private static final int SCALAR = 8;
    private static final int ELEMENT = 16;
    private static final int OBJECT = 48;

    private SizeEstimate() {}

    static int of(Event e, JsonLimits limits) {
        long n = FIXED + e.kind().length() + e.routingKey().length() + e.source().length()
                + e.thread().length() + e.host().length();
        Map<String, String> headers = e.headers();
        if (!headers.isEmpty()) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                n += h.getKey().length() + h.getValue().length() + 6;
            }
        }
        Map<String, Object> fields = e.fields();
        if (fields instanceof Fields f) { // a context's: walked by index, allocating nothing
            for (int i = 0, size = f.size(); i < size; i++) {
                n += f.key(i).length() + 4 + value(f.value(i), limits);
            }
        } else {
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                n += f.getKey().length() + 4 + value(f.getValue(), limits);
            }
        }
        return (int) Math.min(n, limits.maxBytes());
    }

    private static long value(Object v, JsonLimits limits) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return SCALAR;
        }
        try {
            return container(v, limits);
        } catch (RuntimeException e) { // the application's size() or length() threw: the encoder will say so
            return OBJECT;
        }
    }

    private static long container(Object v, JsonLimits limits) {
        if (v instanceof CharSequence s) {
            return Math.min(s.length(), limits.maxChars()) + 2L;
        }
        if (v instanceof Collection<?> c) {
            return 2L + (long) Math.min(c.size(), limits.maxItems()) * ELEMENT;
        }
        if (v instanceof Map<?, ?> m) {
            return 2L + (long) Math.min(m.size(), limits.maxItems()) * ELEMENT * 2;
        }
        return OBJECT;
    }
}
