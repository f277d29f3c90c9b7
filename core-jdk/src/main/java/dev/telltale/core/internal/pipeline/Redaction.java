package dev.telltale.core.internal.pipeline;

import java.util.regex.Pattern;

/** Keeps credentials out of Telltale's log lines and JFR events. */
public final class Redaction {

    private static final Pattern URI_PASSWORD = Pattern.compile("(://[^:/@\\s]*):[^@/\\s]*@");

    private Redaction() {}

    /** Replaces the password of every {@code scheme://user:password@host} in {@code text}. */
    public static String uriPasswords(String text) {
        return text == null ? null : URI_PASSWORD.matcher(text).replaceAll("$1:****@");
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
