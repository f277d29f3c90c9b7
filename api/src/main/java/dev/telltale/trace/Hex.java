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

    /** Two lower-case hex digits of a byte. */
    static String byteHex(int b) {
        return new String(new char[] {Character.forDigit((b >>> 4) & 0xF, 16), Character.forDigit(b & 0xF, 16)});
    }

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
