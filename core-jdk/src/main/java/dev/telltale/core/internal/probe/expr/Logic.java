package dev.telltale.core.internal.probe.expr;

/**
 * {@code &&}, {@code ||} and {@code !} on booleans, short-circuit, with null as "unknown"
 * (three-valued logic: {@code null && false} is false, {@code null || true} is true, {@code !null}
 * is null). Any other operand type is an error.
 */
final class Logic {

    private Logic() {}

    private static Boolean bool(Object value, String op, Node operand) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new EvaluationException("'" + op + "' needs booleans, but '" + operand.text + "' gave "
                + Describe.value(value));
    }

    /** {@code a && b}. */
    static final class And extends Node {

        private final Node left;
        private final Node right;

        And(String text, Node left, Node right) {
            super(text);
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Scope scope) {
            Boolean a = bool(left.eval(scope), "&&", left);
            if (a != null && !a) {
                return Boolean.FALSE;
            }
            Boolean b = bool(right.eval(scope), "&&", right);
            if (b != null && !b) {
                return Boolean.FALSE;
            }
            return a == null || b == null ? null : Boolean.TRUE;
        }
    }

    /** {@code a || b}. */
    static final class Or extends Node {

        private final Node left;
        private final Node right;

        Or(String text, Node left, Node right) {
            super(text);
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Scope scope) {
            Boolean a = bool(left.eval(scope), "||", left);
            if (a != null && a) {
                return Boolean.TRUE;
            }
            Boolean b = bool(right.eval(scope), "||", right);
            if (b != null && b) {
                return Boolean.TRUE;
            }
            return a == null || b == null ? null : Boolean.FALSE;
        }
    }

    /** {@code !a}. */
    static final class Not extends Node {

        private final Node operand;

        Not(String text, Node operand) {
            super(text);
            this.operand = operand;
        }

        @Override
        Object eval(Scope scope) {
            Boolean a = bool(operand.eval(scope), "!", operand);
            return a == null ? null : !a;
        }
    }
}
