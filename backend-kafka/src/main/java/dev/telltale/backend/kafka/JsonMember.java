package dev.telltale.backend.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one top-level string member of a JSON object straight from its UTF-8 bytes, without a
 * JSON library and without building the object: the event's {@code "routingKey"}, for records
 * that arrive without Telltale's headers.
 *
 * <p>Members before the wanted one are skipped: strings (with escapes), numbers, literals and
 * nested objects and arrays, whose brackets are counted but not checked for matching pairs. That
 * is enough for Telltale's own payloads, which are always valid and put {@code routingKey} second;
 * for anything else a wrong answer costs a routing key, never an exception.
 *
 * <p>Stateless and thread-safe. {@link #utf8} allocates only the result.
 */
final class JsonMember {

    /** The member holding the event's routing key. */
    static final JsonMember ROUTING_KEY = new JsonMember("routingKey");

    private final String name;
    private final byte[] nameBytes;

    JsonMember(String name) {
        this.name = name;
        this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The member's value as UTF-8 bytes (escapes decoded).
     *
     * @return the value, or null if {@code json} is not an object whose first top-level member of
     *     this name is a string, or the JSON before it or the string itself is broken
     */
    byte[] utf8(byte[] json) {
        int quote = valueAt(json);
        if (quote < 0) {
            return null;
        }
        long scan = scanString(json, quote + 1);
        if (scan < 0) {
            return null;
        }
        int end = end(scan);
        if (!escaped(scan)) {
            return Arrays.copyOfRange(json, quote + 1, end);
        }
        String decoded = decode(json, quote + 1, end);
        return decoded == null ? null : decoded.getBytes(StandardCharsets.UTF_8);
    }

    /** The member's value as a string; null as for {@link #utf8}. */
    String string(byte[] json) {
        int quote = valueAt(json);
        if (quote < 0) {
            return null;
        }
        long scan = scanString(json, quote + 1);
        return scan < 0 ? null : decode(json, quote + 1, end(scan));
    }

    /** The index of the opening quote of the member's string value, or -1. */
    private int valueAt(byte[] in) {
        int i = skipSpace(in, 0);
        if (i >= in.length || in[i] != '{') {
            return -1;
        }
        i = skipSpace(in, i + 1);
        while (i < in.length && in[i] == '"') {
            long scan = scanString(in, i + 1);
            if (scan < 0) {
                return -1;
            }
            int nameEnd = end(scan);
            boolean wanted = isName(in, i + 1, nameEnd, escaped(scan));
            i = skipSpace(in, nameEnd + 1);
            if (i >= in.length || in[i] != ':') {
                return -1;
            }
            i = skipSpace(in, i + 1);
            if (wanted) {
                return i < in.length && in[i] == '"' ? i : -1;
            }
            i = skipSpace(in, skipValue(in, i));
            if (i < 0 || i >= in.length || in[i] != ',') {
                return -1; // the object ended without the member, or the input is broken
            }
            i = skipSpace(in, i + 1);
        }
        return -1;
    }

    private boolean isName(byte[] in, int from, int to, boolean escaped) {
        if (!escaped) {
            return Arrays.equals(in, from, to, nameBytes, 0, nameBytes.length);
        }
        return name.equals(decode(in, from, to));
    }

    /** The index just after the value starting at {@code i}, or -1 if it is broken. */
    private static int skipValue(byte[] in, int i) {
        if (i >= in.length) {
            return -1;
        }
        byte first = in[i];
        if (first == '"') {
            long scan = scanString(in, i + 1);
            return scan < 0 ? -1 : end(scan) + 1;
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            for (int j = i; j < in.length; j++) {
                byte b = in[j];
                if (b == '"') {
                    long scan = scanString(in, j + 1);
                    if (scan < 0) {
                        return -1;
                    }
                    j = end(scan);
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    if (--depth == 0) {
                        return j + 1;
                    }
                }
            }
            return -1;
        }
        int j = i;
        while (j < in.length && in[j] != ',' && in[j] != '}' && in[j] != ']' && !isSpace(in[j])) {
            j++;
        }
        return j == i ? -1 : j;
    }

    /**
     * Finds the quote closing the string whose content starts at {@code from}, in one pass: -1 if
     * there is none, else its index shifted left by one, with the low bit set if the string holds
     * an escape (read them with {@link #end} and {@link #escaped}).
     */
    private static long scanString(byte[] in, int from) {
        long escaped = 0;
        for (int i = from; i < in.length; i++) {
            byte b = in[i];
            if (b == '"') {
                return (long) i << 1 | escaped;
            }
            if (b == '\\') {
                escaped = 1;
                i++; // the escaped byte cannot close the string
            }
        }
        return -1;
    }

    private static int end(long scan) {
        return (int) (scan >>> 1);
    }

    private static boolean escaped(long scan) {
        return (scan & 1) != 0;
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

    /** Appends the escape at {@code at} to {@code out}; the index after it, or -1 if invalid. */
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
        if (i < 0) {
            return i;
        }
        while (i < in.length && isSpace(in[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
