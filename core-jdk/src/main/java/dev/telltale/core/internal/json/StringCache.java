package dev.telltale.core.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings a {@link JsonReader} read recently, by their bytes, so that a reader of many
 * documents of the same shape (the monitor reading events) makes one {@code String} per distinct
 * member name, not one per occurrence, and the maps it fills find the name's hash already
 * computed. It keeps member names of up to {@value #MAX_NAME} bytes and string values of up to
 * {@value #MAX_VALUE} bytes (kinds, routing keys, host and thread names; timestamps and ids are
 * longer), and only plain ASCII without escapes, whose bytes are their chars.
 *
 * <p>Bounded: a table of {@value #SLOTS} entries in pairs (two-way set-associative). A string's
 * hash picks a pair; a new string takes the pair's first entry, the one there moves to the second
 * and the one in the second is forgotten, so two strings that share a pair and come in turn (in
 * every line) both stay. A miss costs the string it would cost anyway and a copy of its bytes.
 * Not thread-safe: one per thread (or per reader).
 */
public final class StringCache {

    /** Entries in the table; a power of two. */
    static final int SLOTS = 512;
    /** The longest member name kept, in bytes. */
    static final int MAX_NAME = 64;
    /** The longest string value kept, in bytes. */
    static final int MAX_VALUE = 24;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];

    /** An empty cache. */
    public StringCache() {}

    /**
     * The string of the plain ASCII bytes {@code [from, to)} of {@code b}, which must need no
     * unescaping: the cached one when these bytes were seen last in its slot, else a new one,
     * then cached.
     */
    String get(byte[] b, int from, int to) {
        int first = slot(b, from, to) & ~1;
        byte[] key = keys[first];
        if (key != null && same(key, b, from, to)) {
            return strings[first];
        }
        int second = first + 1;
        key = keys[second];
        if (key != null && same(key, b, from, to)) {
            return strings[second];
        }
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        keys[second] = keys[first];
        strings[second] = strings[first];
        keys[first] = Arrays.copyOfRange(b, from, to);
        strings[first] = s;
        return s;
    }

    /** Whether {@code key} holds the bytes {@code [from, to)} of {@code b}: a plain loop, as they are short. */
    private static boolean same(byte[] key, byte[] b, int from, int to) {
        int n = to - from;
        if (key.length != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (key[k] != b[from + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The slot of {@code [from, to)}: a hash of its length and four of its bytes (the first, the
     * middle one and the last two), so that finding the slot does not read every byte; names that
     * differ elsewhere only share a slot.
     */
    static int slot(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return 0;
        }
        int h = n;
        h = 31 * h + b[from];
        h = 31 * h + b[from + (n >>> 1)];
        h = 31 * h + b[to - 1];
        h = 31 * h + b[Math.max(from, to - 2)];
        h *= 0x9E3779B9;
        return h >>> 32 - Integer.numberOfTrailingZeros(SLOTS);
    }
}
