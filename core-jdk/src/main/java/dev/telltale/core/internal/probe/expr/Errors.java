package dev.telltale.core.internal.probe.expr;

/** Makes a parse's {@link ExpressionException}s: the column, the problem, and the text before it. */
final class Errors {

    /** How much of the text before the problem a message quotes. */
    private static final int QUOTE = 60;

    private final String text;

    Errors(String text) {
        this.text = text;
    }

    /** An error at {@code index} (0-based) of the text. */
    ExpressionException at(int index, String problem) {
        int column = index + 1;
        String before = text.substring(0, Math.min(index, text.length())).stripTrailing();
        String quoted;
        if (before.isEmpty()) {
            quoted = " in '" + shorten(text, false) + "'";
        } else {
            quoted = " after '" + shorten(before, true) + "'";
        }
        return new ExpressionException(column, "column " + column + ": " + problem + quoted);
    }

    private static String shorten(String s, boolean keepEnd) {
        if (s.length() <= QUOTE) {
            return s;
        }
        return keepEnd ? "..." + s.substring(s.length() - QUOTE) : s.substring(0, QUOTE) + "...";
    }
}
