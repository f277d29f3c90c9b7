package dev.telltale.core.internal.json;

/**
 * Input that is not JSON as RFC 8259 defines it, with the place where reading stopped.
 *
 * <p>The message names what was expected and what was found, followed by the location, for
 * example {@code expected ',' or '}' but found ']' at line 1, column 17 (offset 16)}.
 * Offsets count from the start of the parsed text (for byte input, from the {@code offset}
 * argument) in the units of the input: bytes for {@code byte[]}, UTF-16 chars for {@code
 * String}. Lines and columns are 1-based; a line ends at each {@code '\n'}.
 */
public final class JsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int offset;
    private final int line;
    private final int column;

    JsonException(String problem, int offset, int line, int column) {
        super(problem + " at line " + line + ", column " + column + " (offset " + offset + ")");
        this.problem = problem;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** What went wrong, without the location. */
    public String problem() {
        return problem;
    }

    /** The 0-based offset of the offending byte or char. */
    public int offset() {
        return offset;
    }

    /** The 1-based line of the offending byte or char. */
    public int line() {
        return line;
    }

    /** The 1-based column of the offending byte or char, counted in bytes or chars. */
    public int column() {
        return column;
    }
}
