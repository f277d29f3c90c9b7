package dev.telltale.core.internal.probe.expr;

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

    /** {@code ==} or {@code !=}. */
    static final class Equal extends Node.Binary {

        private final boolean negate;

        Equal(String text, boolean negate, Node left, Node right) {
            super(text, "comparing", left, right);
            this.negate = negate;
        }

        @Override
        Object apply(Object a, Object b) {
            return Operands.equal(a, b, text) != negate;
        }
    }

    /** {@code < <= > >=} on any values. */
    static final class Order extends Node.Binary {

        private final int mask;

        Order(String text, int mask, Node left, Node right) {
            super(text, "comparing", left, right);
            this.mask = mask;
        }

        @Override
        Object apply(Object a, Object b) {
            if (a == null || b == null) {
                return null;
            }
            return holds(mask, Operands.compare(a, b, text));
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
