package dev.telltale.core.internal.probe.expr;

/**
 * A parsed expression, as a tree of nodes that evaluate themselves. Immutable, so thread-safe
 * (a {@link Property} also keeps a racy, self-checking cache of the last class it read).
 */
abstract class Node {

    /** This node's own text, quoted in evaluation errors. */
    final String text;

    Node(String text) {
        this.text = text;
    }

    /** The value for one call; null is a value. */
    abstract Object eval(Scope scope);

    /** A node whose value is always a {@code long}, read without boxing. */
    abstract static class OfLong extends Node {

        OfLong(String text) {
            super(text);
        }

        abstract long evalLong(Scope scope);

        @Override
        Object eval(Scope scope) {
            return evalLong(scope);
        }
    }

    /**
     * An operation on two operands that evaluates both, left then right, and then {@linkplain
     * #apply applies} itself to their values. What the operation throws, other than an {@link
     * EvaluationException}, becomes one naming this node's text and what it was {@code doing}.
     */
    abstract static class Binary extends Node {

        final Node left;
        final Node right;
        private final String doing;

        /** @param doing what the operation does, for the error: {@code "comparing"} */
        Binary(String text, String doing, Node left, Node right) {
            super(text);
            this.doing = doing;
            this.left = left;
            this.right = right;
        }

        /** The operation on the operands' values, either of which may be null. */
        abstract Object apply(Object a, Object b);

        @Override
        final Object eval(Scope scope) {
            Object a = left.eval(scope);
            Object b = right.eval(scope);
            try {
                return apply(a, b);
            } catch (EvaluationException e) {
                throw e;
            } catch (Throwable t) {
                throw EvaluationException.threw(text, doing, t);
            }
        }
    }

    /** A literal: {@code 5}, {@code 'PAID'}, {@code true}, {@code null}. */
    static final class Literal extends Node {

        final Object value;

        Literal(String text, Object value) {
            super(text);
            this.value = value;
        }

        @Override
        Object eval(Scope scope) {
            return value;
        }
    }

    /** An integer or duration literal, {@code 5} or {@code 5ms}. */
    static final class LongLiteral extends OfLong {

        final long value;
        private final Long boxed;

        LongLiteral(String text, long value) {
            super(text);
            this.value = value;
            this.boxed = value;
        }

        @Override
        long evalLong(Scope scope) {
            return value;
        }

        /** The value boxed once, so that generic comparisons with it allocate nothing. */
        @Override
        Object eval(Scope scope) {
            return boxed;
        }
    }
}
