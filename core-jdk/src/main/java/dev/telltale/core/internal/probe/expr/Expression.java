package dev.telltale.core.internal.probe.expr;

import java.util.Objects;
import java.util.Set;

/**
 * A probe's value or condition: a small, safe expression over one call, parsed once and then
 * evaluated for each hit without reparsing. The language is described in {@code package-info}.
 *
 * <p><b>Threads.</b> Immutable after {@link #parse}; one expression may be evaluated by many
 * threads at once.
 *
 * <p><b>Cost.</b> Evaluation walks a tree of small nodes. Comparisons return the shared {@link
 * Boolean} constants; comparisons and arithmetic of {@code long}s known at parse time ({@code
 * elapsed}, integer and duration literals, {@code args.length}) do not box; property reads are
 * resolved by reflection once per (class, name) and cached. Boxing happens where a value leaves
 * as an object (a {@code long} sum returned by {@link #evaluate}, a getter's primitive result).
 *
 * <p><b>Errors.</b> {@link #parse} throws {@link ExpressionException} for text that is not an
 * expression; evaluation throws {@link EvaluationException} for a failure on one call (see
 * there). Only {@link VirtualMachineError} and {@link LinkageError} pass through as themselves,
 * and whatever the {@link Scope} throws.
 */
public final class Expression {

    /** The longest text accepted, in characters. */
    public static final int MAX_LENGTH = 1000;

    /** The deepest nesting of parentheses and unary operators accepted. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private final Node root;
    private final int reads;
    private final Set<String> parameterNames;

    Expression(String text, Node root, int reads, Set<String> parameterNames) {
        this.text = text;
        this.root = root;
        this.reads = reads;
        this.parameterNames = parameterNames;
    }

    /**
     * Parses {@code text}.
     *
     * @throws NullPointerException if {@code text} is null
     * @throws ExpressionException if it is empty, longer than {@value #MAX_LENGTH} characters,
     *     nested deeper than {@value #MAX_DEPTH}, or not an expression; the message names the column
     */
    public static Expression parse(String text) {
        return Parser.parse(Objects.requireNonNull(text, "text == null"));
    }

    /**
     * The value for one call: null, a {@link Boolean}, a number ({@link Long} for whole numbers and
     * durations, {@link Double} for decimals, or whatever a property holds), a string, or any
     * object a path reaches.
     *
     * @throws EvaluationException if it cannot be evaluated for this call
     */
    public Object evaluate(Scope scope) {
        return root.eval(scope);
    }

    /**
     * The expression as a condition: true only if it gives {@link Boolean#TRUE}; false for {@code
     * false} and null (an unknown, such as a comparison with a null property).
     *
     * @throws EvaluationException if it cannot be evaluated for this call, or gives something other
     *     than a boolean or null
     */
    public boolean test(Scope scope) {
        Object value = root.eval(scope);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null) {
            return false;
        }
        throw new EvaluationException("condition '" + text + "' gave " + Describe.value(value)
                + ", not a boolean");
    }

    /** Whether evaluating may read {@code symbol}; a caller need not capture what is not read. */
    public boolean reads(Symbol symbol) {
        return (reads & (1 << symbol.ordinal())) != 0;
    }

    /** The bare identifiers used as parameter names, in order of first use; unmodifiable. */
    public Set<String> parameterNames() {
        return parameterNames;
    }

    /** The text as given to {@link #parse}. */
    public String text() {
        return text;
    }

    /** The text. */
    @Override
    public String toString() {
        return text;
    }
}
