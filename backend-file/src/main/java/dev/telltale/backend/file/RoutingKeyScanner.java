package dev.telltale.backend.file;

import java.nio.charset.StandardCharsets;

/**
 * Finds the routing key of an event line without parsing it into objects: the value of the
 * top-level {@code "routingKey"} member, when the line is a JSON object and that member is a
 * string. Members before it are skipped (nested objects and arrays, strings with escapes, numbers
 * and literals), escapes in member names and in the value are decoded, and the scan stops at the
 * first top-level {@code routingKey}.
 *
 * <p>It checks only what it reads: a line that goes wrong after the routing key is not detected
 * here (the monitor's JSON parser will). Stateless and thread-safe; allocates only the key.
 */
final class RoutingKeyScanner {

    private static final byte[] NAME = "routingKey".getBytes(StandardCharsets.US_ASCII);

    private RoutingKeyScanner() {
    }

    /**
     * The routing key of {@code line}, UTF-8 JSON.
     *
     * @return the key, or null if the line is not a JSON object, has no top-level {@code
     *     routingKey} member, that member is not a string, or the JSON before it is broken
     */
    static String find(byte[] line) {
        return new Cursor(line).routingKey();
    }

    /** One scan over one line; every method returns -1 (or null) once the input is broken. */
    private static final class Cursor {
        private final byte[] in;
        private int pos;

        Cursor(byte[] in) {
            this.in = in;
        }

        String routingKey() {
            skipWhitespace();
            if (!take('{')) {
                return null;
            }
            skipWhitespace();
            if (take('}')) {
                return null;
            }
            while (true) {
                if (peek() != '"') {
                    return null;
                }
                boolean wanted = nameIsRoutingKey();
                if (pos < 0) {
                    return null;
                }
                skipWhitespace();
                if (!take(':')) {
                    return null;
                }
                skipWhitespace();
                if (wanted) {
                    return peek() == '"' ? readString() : null;
                }
                skipValue();
                if (pos < 0) {
                    return null;
                }
                skipWhitespace();
                if (!take(',')) {
                    return null; // '}' (end of the object, no routing key) or broken
                }
                skipWhitespace();
            }
        }

        /** Reads the member name at {@code pos} (a '"'); true if it decodes to routingKey. */
        private boolean nameIsRoutingKey() {
            int from = pos + 1;
            int close = endOfString(from);
            if (close < 0) {
                pos = -1;
                return false;
            }
            boolean plain = true;
            for (int i = from; i < close; i++) {
                if (in[i] == '\\') {
                    plain = false;
                    break;
                }
            }
            if (plain) {
                pos = close + 1;
                return close - from == NAME.length && java.util.Arrays.equals(in, from, close, NAME, 0, NAME.length);
            }
            String name = readString();
            return "routingKey".equals(name);
        }

        /** Reads and decodes the string at {@code pos} (a '"'); null, with pos -1, if broken. */
        private String readString() {
            int from = pos + 1;
            int close = endOfString(from);
            if (close < 0) {
                pos = -1;
                return null;
            }
            pos = close + 1;
            int escape = indexOf('\\', from, close);
            if (escape < 0) {
                return new String(in, from, close - from, StandardCharsets.UTF_8);
            }
            StringBuilder out = new StringBuilder(close - from);
            int i = from;
            while (i < close) {
                int next = escape < 0 ? close : escape;
                out.append(new String(in, i, next - i, StandardCharsets.UTF_8));
                if (next == close) {
                    break;
                }
                i = unescape(next, out);
                if (i < 0) {
                    pos = -1;
                    return null;
                }
                escape = indexOf('\\', i, close);
            }
            return out.toString();
        }

        /** Decodes the escape at {@code at} (a backslash) into {@code out}; the index after it, or -1. */
        private int unescape(int at, StringBuilder out) {
            byte kind = in[at + 1]; // a backslash is never last: endOfString checked that
            switch (kind) {
                case '"', '\\', '/' -> out.append((char) kind);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int i = at + 2; i < at + 6; i++) {
                        int digit = i < in.length ? Character.digit(in[i], 16) : -1;
                        if (digit < 0) {
                            return -1;
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                    return at + 6;
                }
                default -> {
                    return -1;
                }
            }
            return at + 2;
        }

        /** The index of the '"' closing a string whose content starts at {@code from}, or -1. */
        private int endOfString(int from) {
            for (int i = from; i < in.length; i++) {
                byte b = in[i];
                if (b == '"') {
                    return i;
                }
                if (b == '\\') {
                    i++; // skip the escaped byte; \\uXXXX digits hold no quote or backslash
                }
            }
            return -1;
        }

        /** Skips a value of any kind; pos -1 if it is broken or the line ends inside it. */
        private void skipValue() {
            int depth = 0;
            long arrays = 0; // bit d: the container at depth d + 1 is an array (first 64 levels)
            byte[] deeper = null; // the same for deeper levels, rarely needed
            while (pos < in.length) {
                byte b = in[pos];
                if (b == '"') {
                    int close = endOfString(pos + 1);
                    if (close < 0) {
                        pos = -1;
                        return;
                    }
                    pos = close + 1;
                } else if (b == '{' || b == '[') {
                    boolean array = b == '[';
                    if (depth < 64) {
                        arrays = array ? arrays | 1L << depth : arrays & ~(1L << depth);
                    } else {
                        if (deeper == null || depth - 64 >= deeper.length) {
                            deeper = java.util.Arrays.copyOf(deeper == null ? new byte[0] : deeper, (depth - 64) * 2 + 16);
                        }
                        deeper[depth - 64] = (byte) (array ? 1 : 0);
                    }
                    depth++;
                    pos++;
                } else if (b == '}' || b == ']') {
                    if (depth == 0) {
                        return; // the end of the enclosing object: a value ends here
                    }
                    depth--;
                    boolean array = depth < 64 ? (arrays & 1L << depth) != 0 : deeper[depth - 64] == 1;
                    if (array != (b == ']')) {
                        pos = -1; // '[' closed by '}' or the reverse
                        return;
                    }
                    pos++;
                } else if (depth == 0 && (b == ',' || isWhitespace(b))) {
                    return;
                } else {
                    pos++;
                }
                if (depth == 0 && (b == '"' || b == '}' || b == ']')) {
                    return; // a string, object or array at the top of this value is complete
                }
            }
            if (depth > 0) {
                pos = -1;
            }
        }

        private int indexOf(char c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (in[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        private void skipWhitespace() {
            while (pos >= 0 && pos < in.length && isWhitespace(in[pos])) {
                pos++;
            }
        }

        private int peek() {
            return pos >= 0 && pos < in.length ? in[pos] : -1;
        }

        private boolean take(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private static boolean isWhitespace(byte b) {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r';
        }
    }
}
