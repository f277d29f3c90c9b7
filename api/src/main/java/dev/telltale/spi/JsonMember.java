package dev.telltale.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads one top-level string member of a JSON object straight from its UTF-8 bytes, without a
 * JSON library and without building the object. Backends use {@link #ROUTING_KEY} to find an
 * event's routing key when the message does not carry it beside the payload (a line in a file, a
 * record without Telltale's headers), so that {@link Subscription#wants} can filter before the
 * monitor parses anything.
 *
 * <p>Members before the wanted one are skipped: strings (with escapes), numbers, literals, and
 * nested objects and arrays, whose brackets must pair up. Escapes are decoded in member names and
 * in the value; the first top-level member of the name wins. Only what is read is checked: JSON
 * that goes wrong after the member is not detected here (the monitor's parser will).
 *
 * <p><b>Threading and errors.</b> Immutable and thread-safe. {@link #string} never throws for any
 * input (broken input gives null) and allocates only the result, plus a small array for nesting
 * deeper than 64 levels.
 */
public final class JsonMember {

    /** The member holding an event's routing key, {@code "routingKey"}. */
    public static final JsonMember ROUTING_KEY = of("routingKey");

    private final String name;
    private final byte[] nameBytes;

    private JsonMember(String name) {
        this.name = name;
        this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The member named {@code name}, as it is after unescaping.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static JsonMember of(String name) {
        return new JsonMember(Objects.requireNonNull(name, "name == null"));
    }

    /** The member's name. */
    public String name() {
        return name;
    }

    /**
     * The value of this member in {@code json}, UTF-8 bytes of one JSON document.
     *
     * @return the value with its escapes decoded, or null if {@code json} is not an object, has no
     *     top-level member of this name, that member is not a string, or the JSON up to and
     *     including it is broken
     * @throws NullPointerException if {@code json} is null
     */
    public String string(byte[] json) {
        Objects.requireNonNull(json, "json == null");
        int i = skipSpace(json, 0);
        if (i >= json.length || json[i] != '{') {
            return null;
        }
        i = skipSpace(json, i + 1);
        while (i < json.length && json[i] == '"') {
            int close = closingQuote(json, i + 1);
            if (close < 0) {
                return null;
            }
            boolean wanted = isName(json, i + 1, close);
            i = skipSpace(json, close + 1);
            if (i >= json.length || json[i] != ':') {
                return null;
            }
            i = skipSpace(json, i + 1);
            if (wanted) {
                if (i >= json.length || json[i] != '"') {
                    return null;
                }
                int end = closingQuote(json, i + 1);
                return end < 0 ? null : decode(json, i + 1, end);
            }
            i = skipValue(json, i);
            if (i < 0) {
                return null;
            }
            i = skipSpace(json, i);
            if (i >= json.length || json[i] != ',') {
                return null; // the object ended without the member, or the input is broken
            }
            i = skipSpace(json, i + 1);
        }
        return null;
    }

    @Override
    public String toString() {
        return "JsonMember[" + name + "]";
    }

    private boolean isName(byte[] in, int from, int to) {
        if (indexOf(in, (byte) '\\', from, to) < 0) {
            return Arrays.equals(in, from, to, nameBytes, 0, nameBytes.length);
        }
        return name.equals(decode(in, from, to));
    }

    /** The index just after the value starting at {@code i}, or -1 if it is broken or unfinished. */
    private static int skipValue(byte[] in, int i) {
        if (i >= in.length) {
            return -1;
        }
        byte first = in[i];
        if (first == '"') {
            int close = closingQuote(in, i + 1);
            return close < 0 ? -1 : close + 1;
        }
        if (first == '{' || first == '[') {
            return skipContainer(in, i);
        }
        int j = i;
        while (j < in.length && in[j] != ',' && in[j] != '}' && in[j] != ']' && !isSpace(in[j])) {
            j++;
        }
        return j == i ? -1 : j;
    }

    /** Skips the object or array at {@code i}, checking that its brackets pair up; -1 if not. */
    private static int skipContainer(byte[] in, int i) {
        long arrays = 0; // bit d: the container at depth d is an array (depths below 64)
        long[] deeper = null; // the same for depths 64 and up, word (d / 64) - 1
        int depth = 0;
        for (int j = i; j < in.length; j++) {
            byte b = in[j];
            if (b == '"') {
                j = closingQuote(in, j + 1);
                if (j < 0) {
                    return -1;
                }
            } else if (b == '{' || b == '[') {
                boolean array = b == '[';
                if (depth < 64) {
                    arrays = array ? arrays | 1L << depth : arrays & ~(1L << depth);
                } else {
                    int word = (depth >>> 6) - 1;
                    if (deeper == null || word >= deeper.length) {
                        deeper = Arrays.copyOf(deeper == null ? new long[0] : deeper, (word + 1) * 2);
                    }
                    deeper[word] = array ? deeper[word] | 1L << depth : deeper[word] & ~(1L << depth);
                }
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
                long bits = depth < 64 ? arrays : deeper[(depth >>> 6) - 1];
                boolean array = (bits & 1L << depth) != 0;
                if (array != (b == ']')) {
                    return -1; // '[' closed by '}' or the reverse
                }
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return -1;
    }

    /** The index of the quote closing the string whose content starts at {@code from}, or -1. */
    private static int closingQuote(byte[] in, int from) {
        for (int i = from; i < in.length; i++) {
            byte b = in[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\') {
                i++; // the escaped byte cannot close the string
            }
        }
        return -1;
    }

    /** Decodes the string content between {@code from} and {@code to}; null for a bad escape. */
    private static String decode(byte[] in, int from, int to) {
        int backslash = indexOf(in, (byte) '\\', from, to);
        if (backslash < 0) {
            return new String(in, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (backslash >= 0) {
            out.append(new String(in, i, backslash - i, StandardCharsets.UTF_8));
            i = unescape(in, backslash, to, out);
            if (i < 0) {
                return null;
            }
            backslash = indexOf(in, (byte) '\\', i, to);
        }
        return out.append(new String(in, i, to - i, StandardCharsets.UTF_8)).toString();
    }

    /** Appends the escape at {@code at} to {@code out}; the index after it, or -1 if it is invalid. */
    private static int unescape(byte[] in, int at, int to, StringBuilder out) {
        if (at + 1 >= to) {
            return -1;
        }
        char c = switch (in[at + 1]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> 'u';
            default -> 0;
        };
        if (c == 0) {
            return -1;
        }
        if (c != 'u') {
            out.append(c);
            return at + 2;
        }
        if (at + 6 > to) {
            return -1;
        }
        int code = 0;
        for (int k = at + 2; k < at + 6; k++) {
            int digit = Character.digit(in[k], 16);
            if (digit < 0) {
                return -1;
            }
            code = code << 4 | digit;
        }
        out.append((char) code); // a surrogate pair arrives as two escapes and joins up in out
        return at + 6;
    }

    private static int indexOf(byte[] in, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] in, int i) {
        while (i < in.length && isSpace(in[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
