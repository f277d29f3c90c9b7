package dev.telltale.core.internal.snapshot;

import dev.telltale.internal.Fatal;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads values into the plain maps, lists, strings, numbers and booleans of a snapshot document,
 * by the rules in {@code docs/SNAPSHOT.md}: to the configured depth, strings and containers
 * capped, objects already read referred to by id (so cycles end), names that look secret
 * redacted, and everything within one byte budget, past which values become {@code $cut}
 * markers. One instance per snapshot; not thread-safe. Never throws but fatally: whatever a
 * value's methods throw becomes an {@code $error} marker.
 */
final class ValueCapture {

    /** The marker's prefix for a cut string, as the event writer uses it. */
    static final String CUT_MARK = "\u2026[+";

    private final SnapshotSettings settings;
    private final int depth;
    private final IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();
    private long budget;
    private boolean truncated;

    ValueCapture(SnapshotSettings settings) {
        this.settings = settings;
        this.depth = settings.effectiveDepth();
        this.budget = settings.maxBytes();
    }

    /** Whether a value was cut because the budget ran out. */
    boolean truncated() {
        return truncated;
    }

    /** Reads named values (arguments, locals, fields of a caller's map) into an ordered map. */
    Map<String, Object> named(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, ?> e : values.entrySet()) {
                String name = String.valueOf(e.getKey());
                out.put(name, settings.redacts(name) ? redacted(e.getValue()) : value(e.getValue(), 0));
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            out.put("$error", describe(t));
        }
        return out;
    }

    /**
     * A value that could not be read: written as {@code {"$type": type, "$unavailable": reason}}
     * (and redacted like any other).
     */
    record Unavailable(String type, String reason) {}

    /** Reads one value at the top level. */
    Object value(Object value) {
        return value(value, 0);
    }

    private Object value(Object v, int level) {
        if (v == null) {
            return null;
        }
        if (v instanceof Unavailable u) {
            return spend(u.type().length() + u.reason().length() + 32) ? pair("$type", u.type(), "$unavailable", u.reason())
                    : sizeCut(v);
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return spend(8) ? (v instanceof Boolean ? v : (Object) ((Number) v).longValue()) : sizeCut(v);
        }
        if (v instanceof Double || v instanceof Float) {
            return spend(24) ? (Object) ((Number) v).doubleValue() : sizeCut(v);
        }
        if (v instanceof BigInteger || v instanceof BigDecimal) {
            return text(v.toString(), v);
        }
        if (v instanceof String s) {
            return text(s, v);
        }
        if (v instanceof Character c) {
            return text(String.valueOf(c), v);
        }
        Integer seen = ids.get(v);
        if (seen != null) {
            return spend(16) ? pair("$ref", (long) seen, null, null) : sizeCut(v);
        }
        Class<?> type = v.getClass();
        if (level >= depth && (type.isArray() || v instanceof Map || v instanceof Collection)) {
            return size(v, type);
        }
        if (level >= depth || !expandable(v, type)) {
            return representation(v, type);
        }
        if (!spend(40 + type.getName().length())) {
            return sizeCut(v);
        }
        int id = ids.size() + 1;
        ids.put(v, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("$type", typeName(type));
        out.put("$id", (long) id);
        try {
            if (type.isArray()) {
                array(v, level, out);
            } else if (v instanceof Map<?, ?> map) {
                map(map, level, out);
            } else if (v instanceof Collection<?> c) {
                collection(c, level, out);
            } else {
                fields(v, type, level, out);
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            out.put("$error", describe(t));
        }
        return out;
    }

    /** Containers are read through their interfaces; other objects field by field, unless the JDK's. */
    private static boolean expandable(Object v, Class<?> type) {
        if (type.isArray() || v instanceof Map || v instanceof Collection) {
            return true;
        }
        if (v instanceof Throwable || v instanceof Enum || v instanceof Class || v instanceof Thread
                || v instanceof ClassLoader) {
            return false;
        }
        return !jdk(type);
    }

    private static boolean jdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private void array(Object array, int level, Map<String, Object> out) {
        int length = Array.getLength(array);
        out.put("length", (long) length);
        if (array instanceof char[] chars) {
            out.put("text", text(new String(chars), chars));
            return;
        }
        List<Object> items = new ArrayList<>(Math.min(length, settings.maxItems()));
        int n = Math.min(length, settings.maxItems());
        int i = 0;
        for (; i < n && !truncated; i++) {
            items.add(value(Array.get(array, i), level + 1));
        }
        out.put("items", items);
        omitted(out, length - i);
    }

    private void collection(Collection<?> c, int level, Map<String, Object> out) {
        int size = c.size();
        out.put("size", (long) size);
        List<Object> items = new ArrayList<>(Math.min(size, settings.maxItems()));
        out.put("items", items);
        Iterator<?> it = c.iterator();
        int n = 0;
        while (it.hasNext() && n < settings.maxItems() && !truncated) {
            items.add(value(it.next(), level + 1));
            n++;
        }
        omitted(out, size - n);
    }

    private void map(Map<?, ?> map, int level, Map<String, Object> out) {
        int size = map.size();
        out.put("size", (long) size);
        List<Object> entries = new ArrayList<>(Math.min(size, settings.maxItems()));
        out.put("entries", entries);
        int n = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (n == settings.maxItems() || truncated) {
                break;
            }
            Object key = e.getKey();
            Map<String, Object> entry = new LinkedHashMap<>(4);
            entry.put("key", value(key, level + 1));
            boolean secret = (key instanceof CharSequence || key instanceof Enum<?>) && settings.redacts(key.toString());
            entry.put("value", secret ? redacted(e.getValue()) : value(e.getValue(), level + 1));
            entries.add(entry);
            n++;
        }
        omitted(out, size - n);
    }

    /** Counts what a container left out, and says when the budget was the reason. */
    private void omitted(Map<String, Object> out, int count) {
        if (count > 0) {
            out.put("$omitted", (long) count);
        }
        if (truncated) {
            out.put("$cut", "size");
        }
    }

    private void fields(Object v, Class<?> type, int level, Map<String, Object> out) {
        Map<String, Object> fields = new LinkedHashMap<>();
        out.put("fields", fields);
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && !jdk(c); c = c.getSuperclass()) {
            chain.add(0, c);
        }
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                if (truncated) {
                    out.put("$cut", "size");
                    return;
                }
                String name = fields.containsKey(f.getName()) ? c.getSimpleName() + "." + f.getName() : f.getName();
                if (settings.redacts(f.getName())) {
                    fields.put(name, redactedType(f.getType()));
                } else if (!f.trySetAccessible()) {
                    fields.put(name, pair("$type", f.getType().getName(), "$error", "not accessible"));
                } else {
                    Object fieldValue;
                    try {
                        fieldValue = f.get(v);
                    } catch (IllegalAccessException e) {
                        fields.put(name, pair("$type", f.getType().getName(), "$error", "not accessible"));
                        continue;
                    }
                    fields.put(name, value(fieldValue, level + 1));
                }
            }
        }
    }

    /**
     * A container at the depth limit: its type and size, not its {@code toString()}, which would
     * build the text of every element however many there are.
     */
    private Object size(Object v, Class<?> type) {
        if (!spend(40 + type.getName().length())) {
            return sizeCut(v);
        }
        try {
            int n = type.isArray() ? Array.getLength(v) : v instanceof Map<?, ?> m ? m.size() : ((Collection<?>) v).size();
            return pair("$type", typeName(type), type.isArray() ? "length" : "size", (long) n);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return pair("$type", typeName(type), "$error", describe(t));
        }
    }

    private Object representation(Object v, Class<?> type) {
        if (v instanceof Enum<?> e) {
            return spend(24 + type.getName().length()) ? pair("$type", typeName(type), "$repr", e.name()) : sizeCut(v);
        }
        String repr;
        try {
            repr = String.valueOf(v);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return spend(64 + type.getName().length())
                    ? pair("$type", typeName(type), "$error", "toString() threw " + describe(t))
                    : sizeCut(v);
        }
        Map<String, Object> out = new LinkedHashMap<>(4);
        out.put("$type", typeName(type));
        Object text = text(repr, v);
        if (text instanceof Map<?, ?>) { // cut for size
            return text;
        }
        out.put("$repr", text);
        return out;
    }

    private Object text(String s, Object original) {
        String kept = cut(s, settings.maxChars());
        if (!spend(kept.length() + 2)) {
            return sizeCut(original);
        }
        return kept;
    }

    /** {@code s} cut to {@code max} chars (never between the halves of a surrogate pair) with a marker. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + CUT_MARK + (s.length() - end) + " chars]";
    }

    private Object redacted(Object value) {
        if (value instanceof Unavailable u) {
            return pair("$type", u.type(), "$redacted", true);
        }
        return value == null ? null : redactedType(value.getClass());
    }

    private static Map<String, Object> redactedType(Class<?> type) {
        return pair("$type", typeName(type), "$redacted", true);
    }

    /** A small marker object, its members in this order (a second member only when {@code k2} is not null). */
    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>(4);
        m.put(k1, v1);
        if (k2 != null) {
            m.put(k2, v2);
        }
        return m;
    }

    private boolean spend(long bytes) {
        if (budget >= bytes) {
            budget -= bytes;
            return true;
        }
        budget = 0;
        truncated = true;
        return false;
    }

    private static Object sizeCut(Object v) {
        return pair("$type", typeName(v.getClass()), "$cut", "size");
    }

    static String typeName(Class<?> type) {
        return type.getTypeName();
    }

    static String describe(Throwable t) {
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable e) {
            Fatal.propagateIfFatal(e);
            message = null;
        }
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
