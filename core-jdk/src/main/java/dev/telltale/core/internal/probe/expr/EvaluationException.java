package dev.telltale.core.internal.probe.expr;

import dev.telltale.internal.Fatal;

/**
 * An expression that parsed but could not be evaluated for one call: an argument index past the
 * call's arguments, an unknown parameter name, a property the object does not have or Telltale
 * may not read, operands of the wrong types, arithmetic overflow or division by zero, a getter
 * (or {@code equals}, {@code compareTo}, {@code size()}) that threw — then kept as the cause. The
 * message starts with the part of the expression that failed, in quotes.
 *
 * <p>It carries no stack trace of its own (it is made on the application's thread, and the
 * expression's text says where it failed); the cause, if any, keeps its own.
 */
public final class EvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EvaluationException(String message) {
        super(message, null, false, false);
    }

    EvaluationException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /**
     * The failure of {@code where} (an expression's text) while {@code doing} something that threw
     * {@code t}: {@code "'where': doing threw t"}, with {@code t} as the cause. Rethrows {@code t}
     * instead if it is fatal ({@link Fatal}).
     */
    static EvaluationException threw(String where, String doing, Throwable t) {
        Fatal.propagateIfFatal(t);
        return new EvaluationException("'" + where + "': " + doing + " threw " + t, t);
    }
}
