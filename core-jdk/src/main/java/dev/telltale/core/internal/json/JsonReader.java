package dev.telltale.core.internal.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses JSON text strictly as RFC 8259 defines it, from UTF-8 bytes or a {@code String}.
 * Thread-safe: every call works on its own state.
 *
 * <p><b>Values.</b> Objects become {@link LinkedHashMap}{@code <String,Object>} in document
 * order; when a name occurs twice the last value wins, kept at the position of the first. Arrays
 * become {@link ArrayList}; strings {@code String}; integers (no fraction, no exponent) {@code
 * Long} when they fit, else {@link BigInteger} ({@code -0} becomes {@code 0}; integers of more
 * than {@value #MAX_INTEGER_DIGITS} digits are refused, see {@link #MAX_INTEGER_DIGITS}); other numbers
 * {@code Double}, as {@link Double#parseDouble(String)} rounds them (so magnitudes beyond the
 * double range become infinities or zero); {@code true}/{@code false} {@code Boolean}; {@code
 * null} null.
 *
 * <p><b>Strictness.</b> Everything else is rejected with a {@link JsonException} that says where
 * and what was expected: trailing commas, leading zeros, {@code +1}, {@code .5}, {@code 1.},
 * bare {@code NaN}/{@code Infinity}, single quotes, comments, unescaped control characters in
 * strings, unknown or short escapes, unterminated strings and containers, missing colons and
 * commas, anything but whitespace after the value, empty input, nesting deeper than {@value
 * #MAX_DEPTH} levels, a leading byte order mark (RFC 8259 lets parsers ignore it; this one
 * refuses it so that what it accepts is exactly what {@link JsonWriter} writes), and in byte
 * input any byte sequence that is not UTF-8, overlong forms and encoded surrogates included.
 * Escaped lone surrogates ({@code "\}{@code uD800"}) are accepted and give the lone surrogate,
 * as RFC 8259 allows; {@link JsonWriter} never writes them (it writes U+FFFD instead).
 */
public final class JsonReader {

    /** The deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 512;

    /**
     * The most digits of an integer (a number without fraction or exponent) accepted. Converting
     * decimal digits to a {@code BigInteger} takes time quadratic in their count, so a longer
     * integer is refused rather than left to stall the reader. {@link JsonWriter} writes longer
     * numbers as strings, so everything it writes reads back.
     */
    public static final int MAX_INTEGER_DIGITS = 4096;

    private final byte[] bytes;
    private final String text;
    private final int start;
    private final int end;
    private final StringCache cache;
    private int pos;
    private StringBuilder chars;

    private JsonReader(byte[] bytes, String text, int start, int end, StringCache cache) {
        this.bytes = bytes;
        this.text = text;
        this.start = start;
        this.end = end;
        this.pos = start;
        this.cache = cache;
    }

    /** Parses one JSON value. @throws JsonException if {@code json} is not JSON */
    public static Object parse(String json) {
        Objects.requireNonNull(json, "json == null");
        return new JsonReader(null, json, 0, json.length(), null).document(false);
    }

    /**
     * Parses one JSON value from {@code length} bytes of UTF-8 at {@code offset}; error offsets
     * count from {@code offset}.
     *
     * @throws JsonException if the bytes are not JSON in UTF-8
     */
    public static Object parse(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes == null");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new JsonReader(bytes, null, offset, offset + length, null).document(false);
    }

    /** Parses a JSON object. @throws JsonException if {@code json} is not a JSON object */
    public static Map<String, Object> parseObject(String json) {
        Objects.requireNonNull(json, "json == null");
        return asMap(new JsonReader(null, json, 0, json.length(), null).document(true));
    }

    /** Parses a JSON object from UTF-8. @throws JsonException if it is not a JSON object */
    public static Map<String, Object> parseObject(byte[] bytes, int offset, int length) {
        return parseObject(bytes, offset, length, null);
    }

    /**
     * Parses a JSON object from UTF-8 as {@link #parseObject(byte[], int, int)} does, taking
     * member names and short strings from {@code cache} (null for none) when it has them: the
     * result is equal, with fewer new strings. The cache must not be used by another thread
     * meanwhile.
     *
     * @throws JsonException if it is not a JSON object
     */
    public static Map<String, Object> parseObject(byte[] bytes, int offset, int length, StringCache cache) {
        Objects.requireNonNull(bytes, "bytes == null");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return asMap(new JsonReader(bytes, null, offset, offset + length, cache).document(true));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private Object document(boolean objectRequired) {
        if (startsWithByteOrderMark()) {
            throw error(start,
                    "expected a value but found a byte order mark, which is not allowed");
        }
        skipWhitespace();
        if (objectRequired && (pos >= end || at(pos) != '{')) {
            throw expected("'{'");
        }
        Object value = value(0);
        skipWhitespace();
        if (pos < end) {
            throw expected("end of input");
        }
        return value;
    }

    private boolean startsWithByteOrderMark() {
        if (bytes == null) {
            return end > start && text.charAt(start) == '\uFEFF';
        }
        return end - start >= 3
                && bytes[start] == (byte) 0xEF
                && bytes[start + 1] == (byte) 0xBB
                && bytes[start + 2] == (byte) 0xBF;
    }

    private int at(int i) {
        return bytes != null ? bytes[i] & 0xFF : text.charAt(i);
    }

    private Object value(int depth) {
        if (pos >= end) {
            throw expected("a value");
        }
        int c = at(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string(StringCache.MAX_VALUE);
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || isDigit(c)) {
                    return number();
                }
                throw expected("a value");
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < end && at(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (pos >= end || at(pos) != '"') {
                throw expected(map.isEmpty()
                        ? "a member name (a string) or '}'"
                        : "a member name (a string)");
            }
            String name = string(StringCache.MAX_NAME);
            skipWhitespace();
            if (pos >= end || at(pos) != ':') {
                throw expected("':'");
            }
            pos++;
            skipWhitespace();
            map.put(name, value(depth));
            skipWhitespace();
            int c = pos < end ? at(pos) : -1;
            if (c == '}') {
                pos++;
                return map;
            }
            if (c != ',') {
                throw expected("',' or '}'");
            }
            pos++;
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (pos < end && at(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            skipWhitespace();
            int c = pos < end ? at(pos) : -1;
            if (c == ']') {
                pos++;
                return list;
            }
            if (c != ',') {
                throw expected("',' or ']'");
            }
            pos++;
            skipWhitespace();
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error(pos, "expected at most " + MAX_DEPTH + " levels of nesting but found "
                    + found(pos) + " opening level " + depth);
        }
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            int i = pos + k;
            if (i >= end || at(i) != word.charAt(k)) {
                throw error(i, "expected '" + word + "' but found " + found(i));
            }
        }
        pos += word.length();
    }

    /** Reads a string; plain ASCII of at most {@code cacheable} bytes comes from the cache. */
    private String string(int cacheable) {
        int open = pos;
        int i = ++pos;
        if (bytes != null) {
            byte[] b = bytes;
            for (; i < end; i++) {
                byte c = b[i];
                if (c == '"') {
                    String s = cache != null && i - pos <= cacheable
                            ? cache.get(b, pos, i)
                            : new String(b, pos, i - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return s;
                }
                if (c == '\\' || c < 0x20) { // non-ASCII bytes are negative
                    break;
                }
            }
        } else {
            for (; i < end; i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    String s = text.substring(pos, i);
                    pos = i + 1;
                    return s;
                }
                if (c == '\\' || c < 0x20) {
                    break;
                }
            }
        }
        return slowString(open, i);
    }

    /** Continues a string from {@code scanned}, where escapes or non-ASCII bytes begin. */
    private String slowString(int open, int scanned) {
        StringBuilder sb = chars == null ? chars = new StringBuilder(64) : chars;
        sb.setLength(0);
        if (bytes != null) {
            sb.append(new String(bytes, pos, scanned - pos, StandardCharsets.ISO_8859_1));
        } else {
            sb.append(text, pos, scanned);
        }
        pos = scanned;
        while (true) {
            if (pos >= end) {
                throw error(pos, "expected '\"' to close the string opened at offset "
                        + (open - start) + " but found end of input");
            }
            int c = at(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            } else if (c == '\\') {
                escape(sb);
            } else if (c < 0x20) {
                throw error(pos, "expected a string character but found the control character "
                        + found(pos) + ", which must be escaped");
            } else if (c >= 0x80 && bytes != null) {
                utf8(sb);
            } else {
                sb.append((char) c);
                pos++;
            }
        }
    }

    private void escape(StringBuilder sb) {
        int i = pos + 1;
        int c = i < end ? at(i) : -1;
        switch (c) {
            case '"', '\\', '/' -> sb.append((char) c);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                int value = 0;
                for (int k = i + 1; k <= i + 4; k++) {
                    int digit = k < end ? hexValue(at(k)) : -1;
                    if (digit < 0) {
                        throw error(k,
                                "expected a hex digit of a \\u escape but found " + found(k));
                    }
                    value = value << 4 | digit;
                }
                sb.append((char) value);
                pos = i + 5;
                return;
            }
            default -> throw error(i, "expected an escape character (one of \" \\ / b f n r t u) "
                    + "but found " + found(i));
        }
        pos = i + 1;
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }

    /** Decodes one multi-byte UTF-8 sequence at {@code pos}, rejecting every invalid form. */
    private void utf8(StringBuilder sb) {
        int first = at(pos);
        int continuations;
        int low = 0x80;
        int high = 0xBF;
        int cp;
        if (first >= 0xC2 && first <= 0xDF) {
            continuations = 1;
            cp = first & 0x1F;
        } else if (first >= 0xE0 && first <= 0xEF) {
            continuations = 2;
            cp = first & 0x0F;
            if (first == 0xE0) {
                low = 0xA0; // shorter forms are overlong
            } else if (first == 0xED) {
                high = 0x9F; // higher ones encode surrogates
            }
        } else if (first >= 0xF0 && first <= 0xF4) {
            continuations = 3;
            cp = first & 0x07;
            if (first == 0xF0) {
                low = 0x90; // shorter forms are overlong
            } else if (first == 0xF4) {
                high = 0x8F; // higher ones are above U+10FFFF
            }
        } else {
            throw invalidUtf8(1);
        }
        for (int k = 1; k <= continuations; k++) {
            if (pos + k >= end) {
                throw error(pos, "expected a UTF-8 sequence of " + (continuations + 1)
                        + " bytes but found end of input after " + k);
            }
            int b = at(pos + k);
            if (b < low || b > high) {
                throw invalidUtf8(k + 1);
            }
            cp = cp << 6 | b & 0x3F;
            low = 0x80;
            high = 0xBF;
        }
        sb.appendCodePoint(cp);
        pos += continuations + 1;
    }

    private JsonException invalidUtf8(int count) {
        StringBuilder found = new StringBuilder("expected UTF-8 but found the bytes");
        for (int k = 0; k < count; k++) {
            found.append(' ').append(hex(at(pos + k), 2));
        }
        return error(pos, found.toString());
    }

    private Object number() {
        int begin = pos;
        boolean negative = at(pos) == '-';
        if (negative) {
            pos++;
        }
        if (pos >= end || !isDigit(at(pos))) {
            throw expected("a digit");
        }
        long magnitude = 0;
        int digits = 0;
        if (at(pos) == '0') {
            pos++;
            digits = 1;
            if (pos < end && isDigit(at(pos))) {
                throw error(pos, "expected '.', 'e' or the end of the number after a leading '0' "
                        + "but found " + found(pos) + " (leading zeros are not allowed)");
            }
        } else {
            for (int c; pos < end && isDigit(c = at(pos)); pos++, digits++) {
                magnitude = magnitude * 10 + (c - '0');
            }
        }
        boolean integral = true;
        if (pos < end && at(pos) == '.') {
            integral = false;
            pos++;
            digits("a digit after '.'");
        }
        if (pos < end && (at(pos) == 'e' || at(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (at(pos) == '+' || at(pos) == '-')) {
                pos++;
            }
            digits("a digit in the exponent");
        }
        if (integral && digits <= 18) {
            return negative ? -magnitude : magnitude;
        }
        if (integral && digits > MAX_INTEGER_DIGITS) {
            throw error(begin, "expected an integer of at most " + MAX_INTEGER_DIGITS
                    + " digits but found one of " + digits + " digits");
        }
        String literal = bytes != null
                ? new String(bytes, begin, pos - begin, StandardCharsets.ISO_8859_1)
                : text.substring(begin, pos);
        if (!integral) {
            return Double.parseDouble(literal);
        }
        BigInteger big = new BigInteger(literal);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private void digits(String expectation) {
        if (pos >= end || !isDigit(at(pos))) {
            throw expected(expectation);
        }
        while (pos < end && isDigit(at(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < end) {
            int c = at(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private JsonException expected(String what) {
        return error(pos, "expected " + what + " but found " + found(pos));
    }

    private String found(int i) {
        if (i >= end) {
            return "end of input";
        }
        int c = at(i);
        if (bytes != null && c >= 0x80) {
            return "byte " + hex(c, 2);
        }
        if (c >= 0x20 && c < 0x7F) {
            return "'" + (char) c + "'";
        }
        return "U+" + hex(c, 4).substring(2);
    }

    private static String hex(int value, int digits) {
        String h = Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0x" + "0".repeat(Math.max(0, digits - h.length())) + h;
    }

    private JsonException error(int offset, String problem) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset && i < end; i++) {
            if (at(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException(problem, offset - start, line, offset - lineStart + 1);
    }
}
