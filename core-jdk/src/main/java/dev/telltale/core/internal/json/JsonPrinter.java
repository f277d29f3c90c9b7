package dev.telltale.core.internal.json;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Renders values as {@link JsonReader} returns them (maps, lists, strings, numbers, booleans,
 * null) as JSON text, compact or indented, with {@link JsonWriter}'s escaping and number rules.
 * Other objects are written as {@link JsonWriter#value(Object)} writes them. No limits apply,
 * but input the reader never returns is still written safely: a map or list that contains itself
 * becomes a {@code {"$cut":"cycle",…}} marker, and one nested deeper than {@value
 * JsonReader#MAX_DEPTH} levels a {@code {"$cut":"depth",…}} marker (which is then one level
 * deeper than the reader accepts). Thread-safe.
 */
public final class JsonPrinter {

    private static final JsonLimits UNLIMITED = new JsonLimits(
            JsonLimits.MAX_DEPTH, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    private JsonPrinter() {}

    /** The value as JSON without any whitespace. */
    public static String compact(Object parsedValue) {
        return write(parsedValue).toString();
    }

    /**
     * The value as JSON indented by two spaces per level, one member or element per line,
     * {@code "name": value}, and empty containers as {@code {}} and {@code []}.
     */
    public static String pretty(Object parsedValue) {
        JsonWriter writer = write(parsedValue);
        return indent(writer.out.buf, writer.out.pos);
    }

    /**
     * Writes what {@link #compact} returns, as UTF-8 bytes, to {@code out}, without making the
     * String: for a tool that prints many documents. Reuses one writer per thread.
     */
    public static void compactTo(Object parsedValue, OutputStream out) throws IOException {
        Reusable r = REUSABLE.get();
        r.writer.reset();
        write(r.writer, parsedValue, r.path, 0);
        r.writer.writeTo(out);
    }

    private static final ThreadLocal<Reusable> REUSABLE = ThreadLocal.withInitial(Reusable::new);

    /** A writer and a path, reused by one thread. */
    private static final class Reusable {
        final JsonWriter writer = new JsonWriter(UNLIMITED);
        final Object[] path = new Object[JsonReader.MAX_DEPTH];
    }

    private static JsonWriter write(Object value) {
        JsonWriter writer = new JsonWriter(UNLIMITED);
        write(writer, value, new Object[JsonReader.MAX_DEPTH], 0);
        return writer;
    }

    /** Writes {@code value} below the {@code depth} containers of {@code path}. */
    private static void write(JsonWriter w, Object value, Object[] path, int depth) {
        boolean container = value instanceof Map || value instanceof List;
        if (!container || depth == path.length) {
            w.value(value);
            return;
        }
        for (int i = 0; i < depth; i++) {
            if (path[i] == value) {
                w.beginObject().name("$cut").string("cycle");
                w.name("$type").string(value.getClass().getName()).endObject();
                return;
            }
        }
        path[depth] = value;
        if (value instanceof Map<?, ?> map) {
            w.beginObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                w.name(ValueEncoder.keyText(entry.getKey()));
                write(w, entry.getValue(), path, depth + 1);
            }
            w.endObject();
        } else {
            w.beginArray();
            for (Object element : (List<?>) value) {
                write(w, element, path, depth + 1);
            }
            w.endArray();
        }
        path[depth] = null;
    }

    /** Indents compact JSON, copying strings untouched. */
    static String indent(byte[] json, int length) {
        ByteOutput out = new ByteOutput(length * 2 + 16);
        int level = 0;
        for (int i = 0; i < length; i++) {
            byte b = json[i];
            switch (b) {
                case '"' -> {
                    int close = i + 1;
                    while (json[close] != '"') {
                        close += json[close] == '\\' ? 2 : 1;
                    }
                    out.ensure(close + 1 - i);
                    System.arraycopy(json, i, out.buf, out.pos, close + 1 - i);
                    out.pos += close + 1 - i;
                    i = close;
                }
                case '{', '[' -> {
                    out.put((char) b);
                    byte next = json[i + 1];
                    if (next == '}' || next == ']') {
                        out.put((char) next);
                        i++;
                    } else {
                        newLine(out, ++level);
                    }
                }
                case '}', ']' -> {
                    newLine(out, --level);
                    out.put((char) b);
                }
                case ',' -> {
                    out.put(',');
                    newLine(out, level);
                }
                case ':' -> {
                    out.put(':');
                    out.put(' ');
                }
                default -> out.put((char) b);
            }
        }
        return new String(out.buf, 0, out.pos, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void newLine(ByteOutput out, int level) {
        out.ensure(1 + 2 * level);
        out.buf[out.pos++] = '\n';
        for (int i = 0; i < 2 * level; i++) {
            out.buf[out.pos++] = ' ';
        }
    }
}
