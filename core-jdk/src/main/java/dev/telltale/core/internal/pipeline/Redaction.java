package dev.telltale.core.internal.pipeline;

/** Keeps credentials out of Telltale's log lines and JFR events. */
public final class Redaction {

    private Redaction() {}

    /**
     * Replaces the password of every {@code scheme://user:password@host} in {@code text} by {@code
     * ****}. As a password may hold any character but white space, unescaped {@code /}, {@code @}
     * and {@code :} included, each {@code ://} is followed to the next white space, and if a {@code
     * :} comes before the last {@code @} there, everything between them is masked: it may hide more
     * than the password, never less. Null stays null.
     */
    public static String uriPasswords(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int scheme = text.indexOf("://");
        while (scheme >= 0) {
            int start = scheme + 3;
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', start);
            if (colon >= 0 && colon < at) {
                out.append(text, copied, colon + 1).append("****");
                copied = at;
            }
            scheme = text.indexOf("://", end);
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** A one-line description of {@code t}: its class and message, with passwords masked. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        StringBuilder out = new StringBuilder(t.getClass().getName());
        if (message != null) {
            out.append(": ").append(message);
        }
        Throwable cause = t.getCause();
        if (cause != null && cause != t && cause.getMessage() != null && !String.valueOf(message).contains(cause.getMessage())) {
            out.append(" (caused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append(')');
        }
        return uriPasswords(out.toString().replace('\n', ' '));
    }
}
