package dev.telltale.tool;

import dev.telltale.core.internal.json.JsonPrinter;
import dev.telltale.core.internal.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The JSON Telltale's events are written in, read and printed as the monitor does: for a tool that
 * looks into payloads ({@link dev.telltale.spi.Envelope#payload()}) or prints the documents the
 * monitor hands out ({@link dev.telltale.monitor.Message#document()}, {@link
 * dev.telltale.monitor.CollatedObject#toMap()}).
 *
 * <p>Reading is strict RFC 8259: objects become {@code Map<String, Object>} in document order,
 * arrays {@code List}, integers {@code Long} (or {@code BigInteger} when larger), other numbers
 * {@code Double}, and {@code true}, {@code false}, {@code null} what they say. Printing writes
 * such values back, compact or indented, cutting cycles and excessive depth with a marker
 * instead of failing. Thread-safe and stateless.
 */
public final class Json {

    private Json() {}

    /**
     * Parses {@code json}, which must hold one JSON object.
     *
     * @throws IllegalArgumentException if it is not exactly one JSON object; the message says
     *     what was expected and where (line, column, offset)
     */
    public static Map<String, Object> parseObject(String json) {
        return JsonReader.parseObject(json);
    }

    /**
     * Parses the UTF-8 bytes {@code bytes[offset .. offset + length)}, which must hold one JSON
     * object.
     *
     * @throws IllegalArgumentException if they are not exactly one JSON object in UTF-8, or the
     *     range is outside {@code bytes}; the message says what and where
     */
    public static Map<String, Object> parseObject(byte[] bytes, int offset, int length) {
        return JsonReader.parseObject(bytes, offset, length);
    }

    /** {@code value} (as {@link #parseObject} returns them) as JSON on one line. */
    public static String compact(Object value) {
        return JsonPrinter.compact(value);
    }

    /**
     * Writes {@code value} (as {@link #parseObject} returns them) to {@code out} as the UTF-8
     * bytes of {@link #compact}, without making the String: for a tool that prints many
     * documents. Thread-safe; each thread reuses its own buffer.
     *
     * @throws IOException if {@code out} throws
     */
    public static void writeCompact(Object value, OutputStream out) throws IOException {
        JsonPrinter.compactTo(value, out);
    }

    /** {@code value} (as {@link #parseObject} returns them) as indented JSON. */
    public static String pretty(Object value) {
        return JsonPrinter.pretty(value);
    }
}
