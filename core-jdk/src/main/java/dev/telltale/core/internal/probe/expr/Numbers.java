package dev.telltale.core.internal.probe.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Numbers of any {@link Number} type compared and combined by value: whole numbers as {@code
 * long}, {@link BigDecimal} and {@link BigInteger} exactly as {@link BigDecimal}, the rest
 * ({@link Double}, {@link Float}, others) as {@code double}. A {@code long} and a {@code double}
 * compare exactly, without rounding the {@code long}.
 */
final class Numbers {

    /** What {@link #compare} returns when a NaN is involved: every ordering is false, {@code !=} true. */
    static final int UNORDERED = 2;

    private static final int WHOLE = 0;
    private static final int FLOATING = 1;
    private static final int BIG = 2;
    private static final double TWO_63 = 0x1p63;

    private Numbers() {}

    private static int kind(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof AtomicLong || n instanceof AtomicInteger || n instanceof LongAdder) {
            return WHOLE;
        }
        return n instanceof BigDecimal || n instanceof BigInteger ? BIG : FLOATING;
    }

    /** -1, 0 or 1 as {@code a} is less than, equal to or greater than {@code b}; or {@link #UNORDERED}. */
    static int compare(Number a, Number b) {
        int ka = kind(a);
        int kb = kind(b);
        if (ka == WHOLE && kb == WHOLE) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (ka == BIG || kb == BIG) {
            return compareBig(a, ka, b, kb);
        }
        if (ka == WHOLE) {
            return compare(a.longValue(), b.doubleValue());
        }
        if (kb == WHOLE) {
            int c = compare(b.longValue(), a.doubleValue());
            return c == UNORDERED ? c : -c;
        }
        return compare(a.doubleValue(), b.doubleValue());
    }

    private static int compare(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        return a == b ? 0 : UNORDERED;
    }

    /** Exact: the {@code long} is not rounded to a {@code double}. */
    private static int compare(long a, double b) {
        if (Double.isNaN(b)) {
            return UNORDERED;
        }
        if (b >= TWO_63) {
            return -1;
        }
        if (b < -TWO_63) {
            return 1;
        }
        long whole = (long) b; // exact here: |b| < 2^63, truncated toward zero
        int c = Long.compare(a, whole);
        if (c != 0) {
            return c;
        }
        double fraction = b - whole; // exact
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    private static int compareBig(Number a, int ka, Number b, int kb) {
        if (ka == FLOATING || kb == FLOATING) {
            double d = (ka == FLOATING ? a : b).doubleValue();
            if (Double.isNaN(d)) {
                return UNORDERED;
            }
            if (Double.isInfinite(d)) {
                int sign = d > 0 ? 1 : -1;
                return ka == FLOATING ? sign : -sign;
            }
        }
        return big(a, ka).compareTo(big(b, kb));
    }

    private static BigDecimal big(Number n, int kind) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return kind == WHOLE ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.doubleValue());
    }

    /**
     * {@code a op b} for op one of {@code + - * / %}: {@code long} for two whole numbers (division
     * truncates), {@link BigDecimal} if either is big, {@code double} otherwise.
     *
     * @throws EvaluationException on {@code long} overflow or whole/decimal division by zero
     */
    static Number arithmetic(char op, Number a, Number b, String where) {
        int ka = kind(a);
        int kb = kind(b);
        if (ka == WHOLE && kb == WHOLE) {
            return arithmetic(op, a.longValue(), b.longValue(), where);
        }
        if (ka == BIG || kb == BIG) {
            if (ka == FLOATING && !Double.isFinite(a.doubleValue())
                    || kb == FLOATING && !Double.isFinite(b.doubleValue())) {
                throw new EvaluationException("'" + where + "': cannot combine a BigDecimal with "
                        + Describe.value(ka == FLOATING ? a : b));
            }
            BigDecimal x = big(a, ka);
            BigDecimal y = big(b, kb);
            if ((op == '/' || op == '%') && y.signum() == 0) {
                throw new EvaluationException("'" + where + "': division by zero");
            }
            return switch (op) {
                case '+' -> x.add(y);
                case '-' -> x.subtract(y);
                case '*' -> x.multiply(y);
                case '/' -> x.divide(y, MathContext.DECIMAL128);
                default -> x.remainder(y, MathContext.DECIMAL128);
            };
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            case '/' -> x / y;
            default -> x % y;
        };
    }

    /**
     * {@code a op b} on {@code long}s.
     *
     * @throws EvaluationException on overflow or division by zero
     */
    static long arithmetic(char op, long a, long b, String where) {
        try {
            return switch (op) {
                case '+' -> Math.addExact(a, b);
                case '-' -> Math.subtractExact(a, b);
                case '*' -> Math.multiplyExact(a, b);
                case '/' -> b == -1 ? Math.negateExact(a) : a / b;
                default -> b == -1 ? 0 : a % b;
            };
        } catch (ArithmeticException e) {
            throw new EvaluationException("'" + where + "': " + (b == 0 && (op == '/' || op == '%')
                    ? "division by zero" : "the result does not fit in a long"));
        }
    }

    /** {@code -n}, of the same kind. */
    static Number negate(Number n, String where) {
        return switch (kind(n)) {
            case WHOLE -> negate(n.longValue(), where);
            case BIG -> big(n, BIG).negate();
            default -> -n.doubleValue();
        };
    }

    static long negate(long n, String where) {
        if (n == Long.MIN_VALUE) {
            throw new EvaluationException("'" + where + "': the result does not fit in a long");
        }
        return -n;
    }
}
