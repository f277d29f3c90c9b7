package dev.telltale.core.internal.pipeline;

import dev.telltale.spi.Redaction;

/** What a backend's failure is called in Telltale's log lines and JFR events. Stateless. */
final class ErrorText {

    private ErrorText() {}

    /**
     * A one-line description of {@code t}: its class and message, and its cause's when the message
     * does not already hold it, with passwords masked by {@link Redaction#uriPasswords}.
     */
    static String describe(Throwable t) {
        String message = t.getMessage();
        StringBuilder out = new StringBuilder(t.getClass().getName());
        if (message != null) {
            out.append(": ").append(message);
        }
        Throwable cause = t.getCause();
        if (cause != null && cause != t && cause.getMessage() != null && !String.valueOf(message).contains(cause.getMessage())) {
            out.append(" (caused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append(')');
        }
        return Redaction.uriPasswords(out.toString().replace('\n', ' '));
    }
}
