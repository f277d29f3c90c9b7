package dev.telltale.context;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The text of a value in a context's log lines (mirror lines and {@code ctx.log()} messages),
 * written as fields publish it: a {@link Context}, or a proxy made by {@link Context#wrap}, is
 * its id wherever it appears, in a list, map or array too. Collections and arrays are written
 * {@code [a, b]}, maps {@code {k=v}}; anything else is its {@code toString()}. Never throws: a
 * {@code toString()} that throws, or a container that cannot be read, is written as a note
 * saying so. Not thread-safe in itself; the caller renders one value on one thread.
 */
final class LogText {

    /** Deeper containers are written as {@code [...]}, bounding the recursion. */
    private static final int MAX_DEPTH = 16;

    private final StringBuilder out;
    /** The containers on the current path, to write a cycle instead of following it. */
    private final Map<Object, Boolean> path = new IdentityHashMap<>();

    private LogText(StringBuilder out) {
        this.out = out;
    }

    /** The log text of {@code value}. */
    static String of(Object value) {
        StringBuilder out = new StringBuilder();
        new LogText(out).append(value, 0);
        return out.toString();
    }

    /** {@code k1 = v1, k2 = v2}: the fields of a mirror line. */
    static String describe(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(k).append(" = ");
            new LogText(out).append(v, 0);
        });
        return out.toString();
    }

    private void append(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append(s);
        } else if (value instanceof Context c) {
            out.append(c.id());
        } else if (Context.isWrapped(value)) {
            out.append(Context.of(value).id());
        } else if (value instanceof Map<?, ?> || value instanceof Collection<?> || value.getClass().isArray()) {
            container(value, depth);
        } else {
            plain(value);
        }
    }

    private void container(Object value, int depth) {
        boolean map = value instanceof Map<?, ?>;
        if (depth >= MAX_DEPTH) {
            out.append(map ? "{...}" : "[...]");
            return;
        }
        if (path.put(value, Boolean.TRUE) != null) {
            out.append(map ? "(this Map)" : "(this Collection)");
            return;
        }
        int mark = out.length();
        try {
            if (value instanceof Map<?, ?> m) {
                entries(m, depth);
            } else if (value instanceof Collection<?> c) {
                elements(c, depth);
            } else {
                array(value, depth);
            }
        } catch (RuntimeException e) { // modified meanwhile by another thread, say
            out.setLength(mark);
            out.append("<could not be read: ").append(e.getClass().getName()).append('>');
        } finally {
            path.remove(value);
        }
    }

    private void entries(Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            append(e.getKey(), depth + 1);
            out.append('=');
            append(e.getValue(), depth + 1);
        }
        out.append('}');
    }

    private void elements(Collection<?> collection, int depth) {
        out.append('[');
        boolean first = true;
        for (Object element : collection) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            append(element, depth + 1);
        }
        out.append(']');
    }

    private void array(Object array, int depth) {
        out.append('[');
        for (int i = 0, n = Array.getLength(array); i < n; i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(Array.get(array, i), depth + 1);
        }
        out.append(']');
    }

    private void plain(Object value) {
        String text;
        try {
            text = value.toString();
        } catch (RuntimeException e) {
            text = "<toString() threw " + e.getClass().getName() + ">";
        }
        out.append(text);
    }
}
