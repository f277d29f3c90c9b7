package dev.telltale.core.internal.probe;

import dev.telltale.internal.Fatal;

/** Text of application objects, for events and log lines, never throwing. */
final class Text {

    private static final int MAX = 1000;

    private Text() {}

    /** {@code value.toString()}, cut to 1,000 characters; a throwing {@code toString} is described instead. */
    static String safeString(Object value) {
        if (value == null) {
            return "null";
        }
        String s;
        try {
            s = String.valueOf(value);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value))
                    + " (toString() threw " + t.getClass().getName() + ")";
        }
        return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
    }

    /** The throwable's message, or null; a throwing {@code getMessage} gives a description instead. */
    static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable e) {
            Fatal.propagateIfFatal(e);
            return "(getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    /** {@code "java.lang.X: message"} for an error that disabled an instrument. */
    static String error(Throwable t) {
        String m = safeMessage(t);
        return t.getClass().getName() + (m == null ? "" : ": " + m);
    }
}
