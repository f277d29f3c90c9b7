package dev.telltale.core.internal.snapshot;

/**
 * A throwable rebuilt from a snapshot: it prints as the original printed ({@link #toString()} is
 * the original's text, the stack trace its frames, the cause and suppressed throwables restored
 * too), without needing the original's class. Its own stack trace is never filled in.
 */
public final class RestoredThrowable extends Throwable {

    private static final long serialVersionUID = 1L;

    private final String className;
    private final String text;

    RestoredThrowable(String className, String message, String text, StackTraceElement[] frames) {
        super(message);
        this.className = className;
        this.text = text;
        setStackTrace(frames);
    }

    /** The class of the original throwable. */
    public String className() {
        return className;
    }

    /** The original's {@code toString()}: its class name and message, unless it printed itself otherwise. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
