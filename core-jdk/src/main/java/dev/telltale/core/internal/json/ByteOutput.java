package dev.telltale.core.internal.json;

import java.util.Arrays;

/**
 * A growable byte array of UTF-8 JSON text, with the codec's escaping and integer rules. Knows
 * nothing of JSON structure; {@link JsonWriter} does. Not thread-safe.
 *
 * <p>Fields are package-private so that writers of fixed-shape text (timestamps, numbers) can
 * fill the array directly after {@link #ensure(int)}.
 */
final class ByteOutput {

    /** The largest array size that JVMs reliably allocate. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /** The most bytes {@link #cutMarker(int)} writes. */
    static final int CUT_MARKER_MAX_BYTES = 22;

    /** The most bytes one char (or one surrogate pair) takes once escaped. */
    static final int MAX_BYTES_PER_CHAR = 6;

    private static final byte[] CUT_OPEN = {(byte) 0xE2, (byte) 0x80, (byte) 0xA6, '[', '+'};
    private static final byte[] CUT_CLOSE = {' ', 'c', 'h', 'a', 'r', 's', ']'};
    private static final byte[] HEX = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
    };
    private static final byte[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * For each ASCII char: 0 when it is written as is, otherwise the letter that follows the
     * backslash of its escape ({@code 'u'} for the six-char form: backslash, {@code u00XX}).
     */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    byte[] buf;
    int pos;

    ByteOutput(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /** Makes room for {@code extra} more bytes. */
    void ensure(int extra) {
        if (extra > buf.length - pos) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        long needed = (long) pos + extra;
        if (needed > MAX_CAPACITY) {
            throw new OutOfMemoryError("JSON output would exceed " + MAX_CAPACITY + " bytes");
        }
        long doubled = Math.max(needed, 2L * buf.length);
        buf = Arrays.copyOf(buf, (int) Math.min(MAX_CAPACITY, doubled));
    }

    void put(char asciiChar) {
        ensure(1);
        buf[pos++] = (byte) asciiChar;
    }

    /** Writes {@code text}, which must be ASCII, as is. */
    void ascii(String text) {
        int n = text.length();
        ensure(n);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            b[p++] = (byte) text.charAt(i);
        }
        pos = p;
    }

    void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Writes the decimal digits of {@code value}, with a leading minus if negative. */
    void longValue(long value) {
        ensure(20);
        long v = value;
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                ascii("-9223372036854775808");
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int end = pos + digitCount(v);
        int p = end;
        while (v >= 10) {
            long q = v / 10;
            buf[--p] = (byte) ('0' + (int) (v - q * 10));
            v = q;
        }
        buf[--p] = (byte) ('0' + (int) v);
        pos = end;
    }

    /** The number of decimal digits of a non-negative {@code v}. */
    static int digitCount(long v) {
        int n = 1;
        for (long bound = 10; n < 19 && v >= bound; bound *= 10) {
            n++;
        }
        return n;
    }

    /**
     * Writes the chars of {@code s} from {@code from} on, as long as they are plain ASCII that
     * needs no escape (U+0020 to U+007F but the quote and the backslash), which is each char's
     * own byte; stops at the first other char or at {@code end}. Checks no limit: the caller
     * knows all of {@code [from, end)} may be written.
     *
     * @return the index of the first char not written ({@code end} if all were)
     */
    int plainAscii(String s, int from, int end) {
        ensure(end - from);
        byte[] b = buf;
        int p = pos;
        int i = from;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            b[p++] = (byte) c;
        }
        pos = p;
        return i;
    }

    /**
     * Writes the chars {@code [from, end)} of {@code s} as the inside of a JSON string, stopping
     * before the first char that would start at or after {@code limit}. A char that starts before
     * the limit may end up to {@value #MAX_BYTES_PER_CHAR} bytes after it. A surrogate pair is
     * written whole or not at all; a surrogate without its partner inside {@code [from, end)} is
     * written as U+FFFD, the replacement character.
     *
     * @return the index of the first char not written ({@code end} if all were)
     */
    int escaped(String s, int from, int end, int limit) {
        long worst = MAX_BYTES_PER_CHAR * (long) (end - from);
        ensure((int) Math.min(worst, Math.max(0, limit - pos) + (long) MAX_BYTES_PER_CHAR));
        byte[] b = buf;
        int p = pos;
        int i = from;
        while (i < end && p < limit) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPE[c];
                if (escape == 0) {
                    b[p++] = (byte) c;
                } else if (escape == 'u') {
                    p = unicodeEscape(b, p, c);
                } else {
                    b[p++] = '\\';
                    b[p++] = escape;
                }
                i++;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
                i++;
            } else if (Character.isSurrogate(c)) {
                char low;
                if (Character.isHighSurrogate(c)
                        && i + 1 < end
                        && Character.isLowSurrogate(low = s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, low);
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                    i += 2;
                } else { // unpaired: strict readers (jq) refuse an escaped lone surrogate
                    b[p++] = (byte) 0xEF;
                    b[p++] = (byte) 0xBF;
                    b[p++] = (byte) 0xBD;
                    i++;
                }
            } else if (c == '\u2028' || c == '\u2029') {
                p = unicodeEscape(b, p, c);
                i++;
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
                i++;
            }
        }
        pos = p;
        return i;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p] = '\\';
        b[p + 1] = 'u';
        b[p + 2] = HEX[c >> 12];
        b[p + 3] = HEX[c >> 8 & 0xF];
        b[p + 4] = HEX[c >> 4 & 0xF];
        b[p + 5] = HEX[c & 0xF];
        return p + 6;
    }

    /** Writes the cut marker {@code …[+N chars]} (U+2026 then ASCII). */
    void cutMarker(long remainingChars) {
        ensure(CUT_MARKER_MAX_BYTES);
        raw(CUT_OPEN);
        longValue(remainingChars);
        raw(CUT_CLOSE);
    }

    /** The number of chars in the base64 (RFC 4648, padded) text of {@code byteCount} bytes. */
    static long base64Length(int byteCount) {
        return 4L * ((byteCount + 2L) / 3);
    }

    /**
     * Writes the base64 text (RFC 4648 alphabet, padded) of {@code data}, at most {@code
     * maxChars} chars of it, stopping at a 4-char group boundary once the output reaches {@code
     * limit}.
     *
     * @return the number of base64 chars written, a multiple of 4
     */
    long base64(byte[] data, int maxChars, int limit) {
        long groups = Math.min((data.length + 2L) / 3, maxChars / 4);
        long room = Math.max(0, limit - pos) + 4L;
        ensure((int) Math.min(4 * groups, room));
        byte[] b = buf;
        int p = pos;
        long written = 0;
        for (int i = 0; written < groups && p < limit; written++, i += 3) {
            int remaining = data.length - i;
            int b0 = data[i] & 0xFF;
            int b1 = remaining > 1 ? data[i + 1] & 0xFF : 0;
            int b2 = remaining > 2 ? data[i + 2] & 0xFF : 0;
            b[p++] = BASE64[b0 >> 2];
            b[p++] = BASE64[(b0 & 0x3) << 4 | b1 >> 4];
            b[p++] = remaining > 1 ? BASE64[(b1 & 0xF) << 2 | b2 >> 6] : (byte) '=';
            b[p++] = remaining > 2 ? BASE64[b2 & 0x3F] : (byte) '=';
        }
        pos = p;
        return 4 * written;
    }
}
