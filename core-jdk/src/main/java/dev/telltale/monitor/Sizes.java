package dev.telltale.monitor;

import java.util.List;
import java.util.Map;

/**
 * A rough estimate of the heap a decoded JSON value takes (strings, numbers, booleans, maps and
 * lists as the JSON reader makes them), for bounding collation by bytes. It errs on the high side
 * for ordinary values; it is a bound's measure, not a heap dump.
 */
final class Sizes {

    /** What an object being collated costs before its fields: the object, its map, its key. */
    static final long OBJECT = 512;
    /** What a waiting message costs besides its document: the event, the message, their strings. */
    static final long MESSAGE = 256;
    private static final int MAX_DEPTH = 64;

    private Sizes() {}

    /** The estimated bytes of {@code value} and what it holds. */
    static long of(Object value) {
        return of(value, 0);
    }

    /** The estimated bytes of one map entry: the node, the key and the value. */
    static long entry(String key, Object value) {
        return 32 + of(key, 0) + of(value, 0);
    }

    private static long of(Object value, int depth) {
        if (value == null || value instanceof Boolean) {
            return 0;
        }
        if (value instanceof String s) {
            return 48 + s.length();
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 64 + 8L * map.size();
            if (depth >= MAX_DEPTH) {
                return bytes + 64L * map.size();
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                bytes += 32 + of(e.getKey(), depth + 1) + of(e.getValue(), depth + 1);
            }
            return bytes;
        }
        if (value instanceof List<?> list) {
            long bytes = 40 + 8L * list.size();
            if (depth >= MAX_DEPTH) {
                return bytes + 64L * list.size();
            }
            for (Object element : list) {
                bytes += of(element, depth + 1);
            }
            return bytes;
        }
        return 24; // a Long, a Double, a BigInteger or BigDecimal of ordinary size
    }
}
