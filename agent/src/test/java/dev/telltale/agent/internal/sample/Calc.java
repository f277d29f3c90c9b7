package dev.telltale.agent.internal.sample;

/** Methods of every parameter and result type, static and instance, for the rewriter contract. */
public class Calc {

    private final int base;

    public Calc(int base) {
        this.base = base;
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public int plusBase(int x) {
        return base + x;
    }

    public static void nothing() {
    }

    public static boolean not(boolean b) {
        return !b;
    }

    public static byte nextByte(byte b) {
        return (byte) (b + 1);
    }

    public static char upper(char c) {
        return Character.toUpperCase(c);
    }

    public static short negate(short s) {
        return (short) -s;
    }

    public static float half(float f) {
        return f / 2;
    }

    /** Long and double parameters take two slots each: the int after them must still be read right. */
    public long mix(long a, double b, int c, float d) {
        return a + (long) b + c + (long) d + base;
    }

    public static double scale(double d, long factor) {
        return d * factor;
    }

    public static int[] reversed(int[] in) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    public static String[][] grid(String cell, int n) {
        String[][] g = new String[n][n];
        for (String[] row : g) {
            java.util.Arrays.fill(row, cell);
        }
        return g;
    }

    public Object echo(Object o) {
        return o;
    }
}
