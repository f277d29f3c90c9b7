package dev.telltale.core.internal.probe.expr;

/**
 * One token of an expression's text: its kind, where it is ({@code start} inclusive, {@code end}
 * exclusive, 0-based), and for literals their value ({@link Long} nanoseconds for a duration).
 */
record Token(Kind kind, int start, int end, String text, Object value) {

    enum Kind { INTEGER, DECIMAL, DURATION, STRING, IDENTIFIER, OPERATOR, END }

    boolean is(String operator) {
        return kind == Kind.OPERATOR && text.equals(operator);
    }

    boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && text.equals(word);
    }

    /** The token as an error message names it. */
    String describe() {
        return switch (kind) {
            case END -> "the end";
            case STRING -> "a string";
            default -> "'" + text + "'";
        };
    }
}
