package dev.telltale.agent.internal;

/** A class could not be rewritten; the message names the class, the method and why. */
public final class RewriteException extends Exception {

    private static final long serialVersionUID = 1L;

    public RewriteException(String message, Throwable cause) {
        super(message, cause);
    }

    public RewriteException(String message) {
        super(message);
    }
}
