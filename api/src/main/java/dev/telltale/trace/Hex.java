package dev.telltale.trace;

/** Lower-case hex as both specifications spell ids: checks and parses without allocating. */
final class Hex {

    private Hex() {}

    /** Whether {@code s[from, to)} is all lower-case hex digits ({@code 0-9a-f}). */
    static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code s[from, to)}, at most 16 digits already checked by {@link #isLowerHex}. */
    static long parse(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            v = (v << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return v;
    }

    /** Writes {@code id} as 16 lower-case hex digits into {@code out} at {@code at}. */
    static void write(long id, char[] out, int at) {
        for (int i = at + 15; i >= at; i--) {
            out[i] = DIGITS[(int) (id & 0xF)];
            id >>>= 4;
        }
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /** Strips optional whitespace (spaces and horizontal tabs, as HTTP's OWS) from both ends. */
    static String stripOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isOws(s.charAt(from))) {
            from++;
        }
        while (to > from && isOws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
