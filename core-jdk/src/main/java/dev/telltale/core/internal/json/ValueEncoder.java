package dev.telltale.core.internal.json;

import dev.telltale.context.Context;
import dev.telltale.internal.Fatal;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Walks any object graph for {@link JsonWriter#value(Object)}, applying the mapping, limits and
 * markers documented there. Recursion is bounded by {@code maxDepth}; the containers on the
 * current path are kept in a small array for cycle checks. Not thread-safe.
 */
final class ValueEncoder {

    private static final byte[] TYPE = JsonWriter.nameBytes("$type");
    private static final byte[] REPR = JsonWriter.nameBytes("$repr");
    private static final byte[] ERROR = JsonWriter.nameBytes("$error");
    private static final byte[] OMITTED = JsonWriter.nameBytes("$omitted");

    private final JsonWriter w;
    private final ByteOutput out;
    private final int maxDepth;
    private final int maxItems;
    private Object[] path = new Object[8];
    private int pathSize;

    ValueEncoder(JsonWriter writer, JsonLimits limits) {
        this.w = writer;
        this.out = writer.out;
        this.maxDepth = limits.maxDepth();
        this.maxItems = limits.maxItems();
    }

    void reset() {
        Arrays.fill(path, 0, pathSize, null);
        pathSize = 0;
    }

    /** Writes {@code value} at the writer's current position, unless the writer drops it. */
    void write(Object value) {
        if (w.enterValue()) {
            writeEntered(value);
        }
    }

    private void writeEntered(Object value) {
        Object v = value;
        while (v instanceof Optional<?> optional) {
            v = optional.orElse(null);
        }
        if (v == null) {
            out.ascii("null");
        } else if (v instanceof String s) {
            w.rawString(s);
        } else if (v instanceof Number n) {
            writeNumber(n);
        } else if (v instanceof Boolean b) {
            out.ascii(b ? "true" : "false");
        } else if (v instanceof Context c) {
            w.rawString(c.id());
        } else if (Context.isWrapped(v)) {
            w.rawString(Context.of(v).id());
        } else if (v instanceof Map<?, ?> map) {
            writeMap(map);
        } else if (v instanceof Collection<?> collection) {
            writeElements(collection, true);
        } else if (v.getClass().isArray()) {
            writeArray(v);
        } else if (v instanceof Enum<?> e) {
            w.rawString(e.name());
        } else if (v instanceof Character c) {
            w.rawString(c.toString());
        } else if (v instanceof Class<?> type) {
            w.rawString(type.getName());
        } else if (isText(v)) {
            writeText(v);
        } else if (v instanceof OptionalInt o) {
            writeEntered(o.isPresent() ? (Object) o.getAsInt() : null);
        } else if (v instanceof OptionalLong o) {
            writeEntered(o.isPresent() ? (Object) o.getAsLong() : null);
        } else if (v instanceof OptionalDouble o) {
            writeEntered(o.isPresent() ? (Object) o.getAsDouble() : null);
        } else if (v instanceof Record r) {
            writeRecord(r);
        } else if (v instanceof Iterable<?> iterable) {
            writeElements(iterable, false);
        } else {
            writeRepr(v);
        }
    }

    /** Types written as the string of their {@code toString()}. */
    private static boolean isText(Object v) {
        return v instanceof CharSequence
                || v instanceof TemporalAccessor
                || v instanceof TemporalAmount
                || v instanceof ZoneId
                || v instanceof UUID
                || v instanceof URI
                || v instanceof Path
                || v instanceof File;
    }

    private void writeNumber(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            out.longValue(n.longValue());
        } else if (n instanceof Double d) {
            w.rawDouble(d);
        } else if (n instanceof Float f) {
            w.rawFloat(f);
        } else if (n.getClass() == BigInteger.class || n.getClass() == BigDecimal.class) {
            w.rawNumberText(n.toString());
        } else {
            writeOtherNumber(n);
        }
    }

    /** Numbers of classes that may be subclassed, so whose methods may throw. */
    private void writeOtherNumber(Number n) {
        boolean integral = n instanceof AtomicInteger || n instanceof AtomicLong
                || n instanceof LongAdder || n instanceof LongAccumulator;
        boolean floating = n instanceof DoubleAdder || n instanceof DoubleAccumulator;
        if (!integral && !floating) {
            writeRepr(n);
            return;
        }
        long l = 0;
        double d = 0;
        try {
            if (integral) {
                l = n.longValue();
            } else {
                d = n.doubleValue();
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            writeFailure(n, integral ? "longValue()" : "doubleValue()", t);
            return;
        }
        if (integral) {
            out.longValue(l);
        } else {
            w.rawDouble(d);
        }
    }

    private void writeText(Object v) {
        String text;
        try {
            text = v.toString();
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            writeFailure(v, "toString()", t);
            return;
        }
        w.rawString(text);
    }

    private void writeRepr(Object v) {
        String text = null;
        Throwable failure = null;
        try {
            text = v.toString();
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            failure = t;
        }
        if (failure != null) {
            writeFailure(v, "toString()", failure);
            return;
        }
        w.openObject();
        w.rawName(TYPE);
        w.string(v.getClass().getName());
        w.rawName(REPR);
        w.string(text);
        w.closeObject();
    }

    private void writeFailure(Object v, String method, Throwable failure) {
        w.openObject();
        w.rawName(TYPE);
        w.string(v.getClass().getName());
        w.rawName(ERROR);
        w.string(method + " threw " + describe(failure));
        w.closeObject();
    }

    private void writeMap(Map<?, ?> map) {
        if (!push(map)) {
            return;
        }
        int level = w.depth() + 1;
        w.openObject();
        try {
            int size = map.size();
            int count = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (w.exhausted()) {
                    w.markCut();
                    break;
                }
                if (count == maxItems) {
                    w.rawName(OMITTED);
                    w.number(Math.max(1L, (long) size - count));
                    break;
                }
                Object key = entry.getKey();
                Object value = entry.getValue();
                w.name(keyText(key));
                write(value);
                count++;
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            w.unwindTo(level);
            w.rawName(ERROR);
            w.string(describe(t));
        }
        w.closeObject();
        pop();
    }

    /** Writes a collection (sized) or other iterable (not sized) as an array. */
    private void writeElements(Iterable<?> source, boolean sized) {
        if (!push(source)) {
            return;
        }
        int level = w.depth() + 1;
        w.openArray();
        try {
            long size = sized ? ((Collection<?>) source).size() : -1;
            int count = 0;
            for (Iterator<?> it = source.iterator(); it.hasNext(); ) {
                if (w.exhausted()) {
                    w.markCut();
                    break;
                }
                if (count == maxItems) {
                    omitted(size - count);
                    break;
                }
                write(it.next());
                count++;
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            w.unwindTo(level);
            if (w.enterValue()) {
                out.ascii("{\"$error\":");
                w.rawString(describe(t));
                out.put('}');
            }
        }
        w.closeArray();
        pop();
    }

    /** Writes the element {@code {"$omitted":N}}, or {@code "more"} when N is not positive. */
    private void omitted(long count) {
        if (w.enterValue()) {
            out.ascii("{\"$omitted\":");
            if (count > 0) {
                out.longValue(count);
            } else {
                out.ascii("\"more\"");
            }
            out.put('}');
        }
    }

    private void writeArray(Object array) {
        if (array instanceof byte[] bytes) {
            w.rawBase64(bytes);
            return;
        }
        if (!push(array)) {
            return;
        }
        if (array instanceof char[] chars) {
            writeChars(chars);
            pop();
            return;
        }
        w.openArray();
        int length = java.lang.reflect.Array.getLength(array);
        int end = Math.min(length, maxItems);
        boolean cut = false;
        for (int i = 0; i < end; i++) {
            if (w.exhausted()) {
                w.markCut();
                cut = true;
                break;
            }
            writeElement(array, i);
        }
        if (!cut && length > end) {
            omitted(length - end);
        }
        w.closeArray();
        pop();
    }

    private void writeElement(Object array, int i) {
        if (array instanceof Object[] objects) {
            write(objects[i]);
        } else if (!w.enterValue()) {
            return;
        } else if (array instanceof int[] a) {
            out.longValue(a[i]);
        } else if (array instanceof long[] a) {
            out.longValue(a[i]);
        } else if (array instanceof double[] a) {
            w.rawDouble(a[i]);
        } else if (array instanceof float[] a) {
            w.rawFloat(a[i]);
        } else if (array instanceof boolean[] a) {
            out.ascii(a[i] ? "true" : "false");
        } else if (array instanceof short[] a) {
            out.longValue(a[i]);
        }
    }

    /**
     * Writes a {@code char[]} as an array of one-character strings, a surrogate pair being one
     * element of two chars; the {@code $omitted} count is in chars.
     */
    private void writeChars(char[] chars) {
        w.openArray();
        int count = 0;
        int i = 0;
        while (i < chars.length) {
            if (w.exhausted()) {
                w.markCut();
                break;
            }
            if (count == maxItems) {
                omitted(chars.length - i);
                break;
            }
            boolean pair = Character.isHighSurrogate(chars[i]) && i + 1 < chars.length
                    && Character.isLowSurrogate(chars[i + 1]);
            int n = pair ? 2 : 1;
            if (w.enterValue()) {
                w.rawString(new String(chars, i, n));
            }
            i += n;
            count++;
        }
        w.closeArray();
    }

    private void writeRecord(Record record) {
        RecordShape shape = RecordShape.of(record.getClass());
        if (!shape.readable()) {
            writeRepr(record);
            return;
        }
        if (!push(record)) {
            return;
        }
        Object[] values = new Object[shape.size()];
        int count = 0;
        Throwable failure = null;
        for (; count < values.length; count++) {
            try {
                values[count] = shape.read(record, count);
            } catch (IllegalAccessException e) {
                pop();
                writeRepr(record);
                return;
            } catch (InvocationTargetException e) {
                failure = e.getCause() != null ? e.getCause() : e;
                break;
            } catch (Throwable t) {
                failure = t;
                break;
            }
        }
        if (failure != null) {
            Fatal.propagateIfFatal(failure);
        }
        w.openObject();
        for (int i = 0; i < count; i++) {
            w.name(shape.name(i));
            write(values[i]);
        }
        if (failure != null) {
            w.rawName(ERROR);
            w.string(describe(failure));
        }
        w.closeObject();
        pop();
    }

    /**
     * Checks that {@code container} may be opened here: not already on the path and not too
     * deep. If so, puts it on the path; if not, writes the cut marker instead.
     */
    private boolean push(Object container) {
        for (int i = 0; i < pathSize; i++) {
            if (path[i] == container) {
                cutMarker("cycle", container);
                return false;
            }
        }
        if (w.depth() >= maxDepth) {
            cutMarker("depth", container);
            return false;
        }
        if (pathSize == path.length) {
            path = Arrays.copyOf(path, pathSize * 2);
        }
        path[pathSize++] = container;
        return true;
    }

    private void pop() {
        path[--pathSize] = null;
    }

    private void cutMarker(String reason, Object container) {
        out.ascii("{\"$cut\":\"");
        out.ascii(reason);
        out.ascii("\",\"$type\":");
        w.rawString(container.getClass().getName());
        out.put('}');
    }

    /** {@code String.valueOf(key)}, or {@code $error:<exception class>} if that throws. */
    static String keyText(Object key) {
        if (key instanceof String s) {
            return s;
        }
        try {
            return String.valueOf(key);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return "$error:" + t.getClass().getName();
        }
    }

    /** {@code <exception class>: <message>}, or the class alone when there is no message. */
    static String describe(Throwable t) {
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable e) {
            Fatal.propagateIfFatal(e);
            message = null;
        }
        String type = t.getClass().getName();
        return message == null ? type : type + ": " + message;
    }
}
