package dev.telltale.core.internal.trace;

import java.nio.charset.StandardCharsets;

/**
 * Lower-case, zero-padded hex digits of span and trace ids, as {@link
 * dev.telltale.trace.SpanContext#hex} writes them, for the span events and JFR records made on the
 * thread that ends a span: one byte array and one string per id (a trace id's two halves in one),
 * by table, instead of a char array, a string per half and their concatenation.
 */
final class Hex {

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private Hex() {}

    /** 16 hex digits of {@code id}. */
    static String of(long id) {
        byte[] out = new byte[16];
        put(out, 0, id);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** 32 hex digits: {@code high}'s, then {@code low}'s. */
    static String of(long high, long low) {
        byte[] out = new byte[32];
        put(out, 0, high);
        put(out, 16, low);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] out, int at, long id) {
        for (int i = at + 15; i >= at; i--) {
            out[i] = DIGITS[(int) id & 0xF];
            id >>>= 4;
        }
    }
}
