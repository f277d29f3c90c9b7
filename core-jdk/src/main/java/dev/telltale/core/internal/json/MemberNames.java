package dev.telltale.core.internal.json;

import java.util.Arrays;

/**
 * The member names already written in each open object, so that {@link JsonWriter} can keep
 * every name of an object unique. A name is a range of the output buffer (its UTF-8 text between
 * the quotes), so nothing is copied. Names are kept on a stack, one scope per open object, in a
 * hash table with linear probing; since a scope's names are removed in the reverse order of
 * their insertion, clearing a slot restores the table exactly as it was before. Allocates only
 * when an array must grow. Not thread-safe.
 */
final class MemberNames {

    private int[] starts = new int[32];
    private int[] lengths = new int[32];
    private int[] hashes = new int[32];
    private int size;
    /** Index + 1 of a name in the arrays above; 0 for an empty slot. Length a power of two. */
    private int[] table = new int[64];
    private int[] scopeStarts = new int[16];
    private int scopes;

    /** Forgets every name and scope. */
    void reset() {
        if (size > 0) {
            Arrays.fill(table, 0);
        }
        size = 0;
        scopes = 0;
    }

    /** Starts the names of a newly opened object. */
    void open() {
        if (scopes == scopeStarts.length) {
            scopeStarts = Arrays.copyOf(scopeStarts, scopes * 2);
        }
        scopeStarts[scopes++] = size;
    }

    /** Forgets the names of the innermost object. */
    void close() {
        int start = scopeStarts[--scopes];
        while (size > start) {
            int entry = --size;
            table[slotOf(entry)] = 0;
        }
    }

    /** Whether the bytes {@code [from, to)} of {@code buf} are a name of the innermost object. */
    boolean contains(byte[] buf, int from, int to) {
        if (scopes == 0) {
            return false;
        }
        int scopeStart = scopeStarts[scopes - 1];
        int hash = hash(buf, from, to);
        int mask = table.length - 1;
        int length = to - from;
        for (int slot = hash & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int e = table[slot] - 1;
            if (e >= scopeStart && hashes[e] == hash && lengths[e] == length
                    && Arrays.equals(buf, starts[e], starts[e] + length, buf, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the bytes {@code [from, to)} of {@code buf} to the names of the innermost object. */
    void add(byte[] buf, int from, int to) {
        if (scopes == 0) {
            return;
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        starts[size] = from;
        lengths[size] = to - from;
        hashes[size] = hash(buf, from, to);
        size++;
        if (2 * size > table.length) {
            table = new int[table.length * 2];
            for (int e = 0; e < size; e++) {
                insert(e);
            }
        } else {
            insert(size - 1);
        }
    }

    private void insert(int entry) {
        int mask = table.length - 1;
        int slot = hashes[entry] & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = entry + 1;
    }

    private int slotOf(int entry) {
        int mask = table.length - 1;
        int slot = hashes[entry] & mask;
        while (table[slot] != entry + 1) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int hash(byte[] buf, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        return h ^ (h >>> 16);
    }
}
