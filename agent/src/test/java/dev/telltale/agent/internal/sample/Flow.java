package dev.telltale.agent.internal.sample;

/** Control flow for the rewriter contract: returns, exceptions, recursion, overloads, locks. */
public class Flow {

    public static int sign(int x) {
        if (x < 0) {
            return -1;
        }
        if (x == 0) {
            return 0;
        }
        return 1;
    }

    public static int failIfNegative(int x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative: " + x);
        }
        return x;
    }

    public static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public static long factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    public static String over(int x) {
        return "int " + x;
    }

    public static String over(String s) {
        return "string " + s;
    }

    public static String over(int x, int y) {
        return "two " + x + y;
    }

    private int count;

    public synchronized int increment() {
        return ++count;
    }

    public synchronized int incrementOrFail(boolean fail) {
        count++;
        if (fail) {
            throw new IllegalStateException("asked to fail");
        }
        return count;
    }

    public int incrementInBlock() {
        synchronized (this) {
            return ++count;
        }
    }

    public static int boom(int depth) {
        int local = depth * 2;
        if (depth > 0) {
            return boom(depth - 1) + local;
        }
        throw new IllegalStateException("boom at " + local);
    }

    public static String loop(int n) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (sb.length() >= n) {
                return sb.toString();
            }
            sb.append('x');
        }
    }
}
