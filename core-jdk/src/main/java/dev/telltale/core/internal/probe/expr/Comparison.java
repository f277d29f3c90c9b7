package dev.telltale.core.internal.probe.expr;

import dev.telltale.internal.Fatal;

/**
 * The comparison nodes, {@code == != < <= > >=}, giving {@link Boolean#TRUE} or {@link
 * Boolean#FALSE} (never a new object). An ordering with a null operand is unknown: null.
 */
final class Comparison {

    private Comparison() {}

    /** The node for {@code left op right}, without boxing when both sides are {@code long}s. */
    static Node of(String text, String op, Node left, Node right) {
        if (op.equals("==") || op.equals("!=")) {
            boolean negate = op.equals("!=");
            if (left instanceof Node.OfLong l && right instanceof Node.OfLong r) {
                return new LongOrder(text, negate ? NE : EQ, l, r);
            }
            return new Equal(text, negate, left, right);
        }
        int mask = switch (op) {
            case "<" -> LT;
            case "<=" -> LT | EQ;
            case ">" -> GT;
            default -> GT | EQ;
        };
        if (left instanceof Node.OfLong l && right instanceof Node.OfLong r) {
            return new LongOrder(text, mask, l, r);
        }
        return new Order(text, mask, left, right);
    }

    // Which outcomes of a comparison make it true: bit (1 << (compare + 1)), unordered never.
    private static final int LT = 1;
    private static final int EQ = 2;
    private static final int GT = 4;
    private static final int NE = LT | GT | 8;

    private static boolean holds(int mask, int compare) {
        return (mask & (compare == Numbers.UNORDERED ? 8 : 1 << (compare + 1))) != 0;
    }

    private static EvaluationException threw(String where, Throwable t) {
        Fatal.propagateIfFatal(t);
        return new EvaluationException("'" + where + "': comparing threw " + t, t);
    }

    /** {@code ==} or {@code !=}. */
    static final class Equal extends Node {

        private final boolean negate;
        private final Node left;
        private final Node right;

        Equal(String text, boolean negate, Node left, Node right) {
            super(text);
            this.negate = negate;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Scope scope) {
            Object a = left.eval(scope);
            Object b = right.eval(scope);
            boolean equal;
            try {
                equal = Operands.equal(a, b, text);
            } catch (EvaluationException e) {
                throw e;
            } catch (Throwable t) {
                throw threw(text, t);
            }
            return equal != negate;
        }
    }

    /** {@code < <= > >=} on any values. */
    static final class Order extends Node {

        private final int mask;
        private final Node left;
        private final Node right;

        Order(String text, int mask, Node left, Node right) {
            super(text);
            this.mask = mask;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Scope scope) {
            Object a = left.eval(scope);
            Object b = right.eval(scope);
            if (a == null || b == null) {
                return null;
            }
            int compare;
            try {
                compare = Operands.compare(a, b, text);
            } catch (EvaluationException e) {
                throw e;
            } catch (Throwable t) {
                throw threw(text, t);
            }
            return holds(mask, compare);
        }
    }

    /** Any comparison of two {@code long}s ({@code elapsed > 5ms}), without boxing. */
    static final class LongOrder extends Node {

        private final int mask;
        private final Node.OfLong left;
        private final Node.OfLong right;

        LongOrder(String text, int mask, Node.OfLong left, Node.OfLong right) {
            super(text);
            this.mask = mask;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Scope scope) {
            return holds(mask, Long.compare(left.evalLong(scope), right.evalLong(scope)));
        }
    }
}
