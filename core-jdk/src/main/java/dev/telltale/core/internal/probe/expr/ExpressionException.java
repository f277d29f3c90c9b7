package dev.telltale.core.internal.probe.expr;

/**
 * Text that is not an expression: a syntax error, an expression too long or nested too deeply.
 * The message names the 1-based column and quotes the text up to it, e.g. {@code column 7:
 * expected ']' after 'args[0'}.
 */
public final class ExpressionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int column;

    ExpressionException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** The 1-based column where the problem was found; one past the end for a missing ending. */
    public int column() {
        return column;
    }
}
