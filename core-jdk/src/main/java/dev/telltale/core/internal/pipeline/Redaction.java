package dev.telltale.core.internal.pipeline;

/** Keeps credentials out of Telltale's log lines and JFR events. */
public final class Redaction {

    private Redaction() {}

    /** {@link dev.telltale.spi.Redaction#uriPasswords}, the one implementation backends use too. */
    public static String uriPasswords(String text) {
        return dev.telltale.spi.Redaction.uriPasswords(text);
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
