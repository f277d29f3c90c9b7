package dev.telltale.agent.bridge;

/**
 * The static methods that rewritten methods call. This package is loaded by the bootstrap class
 * loader (the agent appends a jar of it to the bootstrap search path), so that a method in any
 * class loader and any module can reach it; it holds nothing but one {@link Dispatch}.
 *
 * <p>Until the agent installs a dispatch (or after it removes it) every hook does nothing and
 * returns 0. Thread-safe; never blocks.
 */
public final class Hooks {

    private static volatile Dispatch dispatch;

    private Hooks() {}

    /** Sends every hook to {@code d} from now on; null makes them do nothing. */
    public static void install(Dispatch d) {
        dispatch = d;
    }

    /** The dispatch installed now, or null. */
    public static Dispatch installed() {
        return dispatch;
    }

    public static long enter(int site, Object self, Object[] args) {
        Dispatch d = dispatch;
        return d == null ? 0L : d.enter(site, self, args);
    }

    public static long enterLean(int site) {
        Dispatch d = dispatch;
        return d == null ? 0L : d.enterLean(site);
    }

    public static void exit(int site, long start, Object self, Object[] args, Object result) {
        Dispatch d = dispatch;
        if (d != null) {
            d.exit(site, start, self, args, result);
        }
    }

    public static void exitLean(int site, long start) {
        Dispatch d = dispatch;
        if (d != null) {
            d.exitLean(site, start);
        }
    }

    public static void fail(int site, long start, Object self, Object[] args, Throwable error) {
        Dispatch d = dispatch;
        if (d != null) {
            d.fail(site, start, self, args, error);
        }
    }

    public static void failLean(int site, long start, Throwable error) {
        Dispatch d = dispatch;
        if (d != null) {
            d.failLean(site, start, error);
        }
    }
}
