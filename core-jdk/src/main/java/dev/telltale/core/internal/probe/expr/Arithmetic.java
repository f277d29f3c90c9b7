package dev.telltale.core.internal.probe.expr;

/**
 * {@code + - * / %} and unary {@code -} on numbers (see {@link Numbers}); a null operand gives
 * null, anything else that is not a {@link Number} is an error.
 */
final class Arithmetic {

    /** What a failing operation was doing, in its error. */
    private static final String DOING = "reading a number";

    private Arithmetic() {}

    /** The node for {@code left op right}, on unboxed {@code long}s when both sides are. */
    static Node of(String text, char op, Node left, Node right) {
        if (left instanceof Node.OfLong l && right instanceof Node.OfLong r) {
            return new OfLongs(text, op, l, r);
        }
        return new Boxed(text, op, left, right);
    }

    /** The node for {@code -operand}. */
    static Node negate(String text, Node operand) {
        if (operand instanceof Node.OfLong l) {
            return new NegateLong(text, l);
        }
        return new Negate(text, operand);
    }

    private static Number number(Object value, char op, Node operand) {
        if (value instanceof Number n) {
            return n;
        }
        throw new EvaluationException("'" + op + "' needs numbers, but '" + operand.text + "' gave "
                + Describe.value(value));
    }

    /** {@code left op right} on any values. */
    static final class Boxed extends Node.Binary {

        private final char op;

        Boxed(String text, char op, Node left, Node right) {
            super(text, DOING, left, right);
            this.op = op;
        }

        @Override
        Object apply(Object a, Object b) {
            if (a == null || b == null) {
                return null;
            }
            return Numbers.arithmetic(op, number(a, op, left), number(b, op, right), text);
        }
    }

    static final class OfLongs extends Node.OfLong {

        private final char op;
        private final Node.OfLong left;
        private final Node.OfLong right;

        OfLongs(String text, char op, Node.OfLong left, Node.OfLong right) {
            super(text);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        long evalLong(Scope scope) {
            return Numbers.arithmetic(op, left.evalLong(scope), right.evalLong(scope), text);
        }
    }

    static final class Negate extends Node {

        private final Node operand;

        Negate(String text, Node operand) {
            super(text);
            this.operand = operand;
        }

        @Override
        Object eval(Scope scope) {
            Object a = operand.eval(scope);
            if (a == null) {
                return null;
            }
            Number n = number(a, '-', operand);
            try {
                return Numbers.negate(n, text);
            } catch (EvaluationException e) {
                throw e;
            } catch (Throwable t) {
                throw EvaluationException.threw(text, DOING, t);
            }
        }
    }

    static final class NegateLong extends Node.OfLong {

        private final Node.OfLong operand;

        NegateLong(String text, Node.OfLong operand) {
            super(text);
            this.operand = operand;
        }

        @Override
        long evalLong(Scope scope) {
            return Numbers.negate(operand.evalLong(scope), text);
        }
    }
}
