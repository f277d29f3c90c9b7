package dev.telltale.core.internal.probe.expr;

/**
 * What {@code ==} and {@code <} mean for two values. Numbers by value across types ({@link
 * Numbers}); text ({@link CharSequence}) by content, lexicographically; an enum equals the string
 * of its name; a {@link Character} equals a one-character string; other objects by {@code equals}
 * and, for ordering, by {@code compareTo} when both are {@link Comparable} and of one class.
 * Mixing kinds that cannot match (a number and a string, a boolean and a number) is an error
 * rather than a silent {@code false}.
 */
final class Operands {

    private static final int NUMBER = 0;
    private static final int TEXT = 1;
    private static final int BOOLEAN = 2;
    private static final int CHARACTER = 3;
    private static final int ENUM = 4;
    private static final int OTHER = 5;

    private Operands() {}

    private static int kind(Object o) {
        if (o instanceof Number) {
            return NUMBER;
        }
        if (o instanceof CharSequence) {
            return TEXT;
        }
        if (o instanceof Boolean) {
            return BOOLEAN;
        }
        if (o instanceof Character) {
            return CHARACTER;
        }
        return o instanceof Enum ? ENUM : OTHER;
    }

    /**
     * Whether {@code a == b}.
     *
     * @throws EvaluationException if the kinds cannot be compared
     */
    static boolean equal(Object a, Object b, String where) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        int ka = kind(a);
        int kb = kind(b);
        if (ka == NUMBER && kb == NUMBER) {
            return Numbers.compare((Number) a, (Number) b) == 0;
        }
        if (ka == TEXT && kb == TEXT) {
            return CharSequence.compare((CharSequence) a, (CharSequence) b) == 0;
        }
        if (ka == ENUM && kb == TEXT) {
            return ((Enum<?>) a).name().contentEquals((CharSequence) b);
        }
        if (ka == TEXT && kb == ENUM) {
            return ((Enum<?>) b).name().contentEquals((CharSequence) a);
        }
        if (ka == CHARACTER && kb == TEXT) {
            return isChar((CharSequence) b, (Character) a);
        }
        if (ka == TEXT && kb == CHARACTER) {
            return isChar((CharSequence) a, (Character) b);
        }
        if (ka != kb && ka != OTHER && kb != OTHER) {
            throw mismatch(a, b, where);
        }
        return a.equals(b);
    }

    private static boolean isChar(CharSequence s, char c) {
        return s.length() == 1 && s.charAt(0) == c;
    }

    /**
     * -1, 0, 1 or {@link Numbers#UNORDERED}, comparing two non-null values.
     *
     * @throws EvaluationException if they cannot be ordered
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b, String where) {
        int ka = kind(a);
        int kb = kind(b);
        if (ka == NUMBER && kb == NUMBER) {
            return Numbers.compare((Number) a, (Number) b);
        }
        if (ka == TEXT && kb == TEXT) {
            return Integer.signum(CharSequence.compare((CharSequence) a, (CharSequence) b));
        }
        if (ka == CHARACTER && kb == TEXT) {
            return Integer.signum(CharSequence.compare(String.valueOf(a), (CharSequence) b));
        }
        if (ka == TEXT && kb == CHARACTER) {
            return Integer.signum(CharSequence.compare((CharSequence) a, String.valueOf(b)));
        }
        boolean sameClass = a.getClass() == b.getClass()
                || ka == ENUM && kb == ENUM && ((Enum<?>) a).getDeclaringClass() == ((Enum<?>) b).getDeclaringClass();
        if (sameClass && ka != BOOLEAN && a instanceof Comparable c) {
            return Integer.signum(c.compareTo(b));
        }
        throw new EvaluationException("'" + where + "': cannot order " + Describe.value(a) + " and "
                + Describe.value(b) + " (ordering needs two numbers, two strings, or two Comparable"
                + " values of one class)");
    }

    private static EvaluationException mismatch(Object a, Object b, String where) {
        return new EvaluationException("'" + where + "': cannot compare " + Describe.value(a) + " with "
                + Describe.value(b));
    }
}
