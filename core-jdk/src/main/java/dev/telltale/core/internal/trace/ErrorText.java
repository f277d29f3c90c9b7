package dev.telltale.core.internal.trace;

/** How a span writes the error that ended it. */
final class ErrorText {

    private ErrorText() {}

    /** {@code "ClassName: message"}, or the class name alone when the message is null. */
    static String of(Throwable error) {
        String message;
        try {
            message = error.getMessage();
        } catch (RuntimeException e) {
            message = "(getMessage() threw " + e.getClass().getName() + ")";
        }
        String type = error.getClass().getName();
        return message == null ? type : type + ": " + message;
    }
}
