package dev.telltale.tool;

import dev.telltale.Event;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.internal.json.JsonPrinter;
import dev.telltale.core.internal.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON Telltale's events are written in, read and printed as the monitor does: for a tool that
 * reads events back ({@link #parseEvent}) or looks into payloads ({@link dev.telltale.spi.Envelope#payload()}) or prints the documents the
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
     * @throws NullPointerException if {@code bytes} is null
     * @throws IllegalArgumentException if they are not exactly one JSON object in UTF-8, or the
     *     range is outside {@code bytes}; the message says what and where
     */
    public static Map<String, Object> parseObject(byte[] bytes, int offset, int length) {
        checkRange(bytes, offset, length);
        return JsonReader.parseObject(bytes, offset, length);
    }

    /**
     * Reads the event in the UTF-8 bytes {@code bytes[offset .. offset + length)}: one JSON object
     * in the form {@code docs/EVENTS.md} describes, as a backend's {@link
     * dev.telltale.spi.Envelope#payload() payload} holds it. Decoded as the monitor decodes: the
     * fields' values as {@link #parseObject} returns them (integers {@code Long}, other numbers
     * {@code Double}, objects maps, arrays lists); members it does not know are ignored; {@code
     * headers} and {@code fields} may be absent (then empty); {@code time} may be any ISO-8601
     * instant.
     *
     * @throws NullPointerException if {@code bytes} is null
     * @throws IllegalArgumentException if they are not exactly one JSON object in UTF-8 (the
     *     message says where), the range is outside {@code bytes}, or one of {@code kind}, {@code
     *     routingKey}, {@code source}, {@code seq}, {@code time}, {@code thread}, {@code host},
     *     {@code pid} is missing or of the wrong type, {@code headers} is not an object of strings
     *     or {@code fields} not an object (the message names the member)
     */
    public static Event parseEvent(byte[] bytes, int offset, int length) {
        checkRange(bytes, offset, length);
        return EventCodec.decode(bytes, offset, length);
    }

    private static void checkRange(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes == null");
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("bytes [" + offset + ", " + offset + " + " + length
                    + ") are outside an array of " + bytes.length);
        }
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
