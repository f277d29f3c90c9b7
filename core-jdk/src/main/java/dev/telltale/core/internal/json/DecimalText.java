package dev.telltale.core.internal.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal text of a finite {@code double} or {@code float} that reads back as the
 * same value, in the format of {@link Double#toString(double)}.
 *
 * <p>The digits are those that {@code Double.toString} and {@code Float.toString} produce on JDK
 * 19 and later: the shortest decimals that round to the value; among them the closest to it;
 * and at least two digits considered when one would do (so {@code 4.9E-324}, not {@code
 * 5E-324}). On JDK 19 and later the JDK's text is therefore used as is. JDK 17's methods
 * sometimes print digits too many (for example {@code 2.0E23} as {@code 1.9999999999999998E23},
 * JDK-4511638). Checked against exact arithmetic on tens of millions of values, they were
 * never wrong for a normal double printed with at most 15 significant digits, nor for a normal
 * float printed with at most 7, so their text is used as is for those (the common, fast case).
 * Other values are worked out exactly with {@link BigDecimal}, which costs about a microsecond.
 */
final class DecimalText {

    /** Whether {@code Double.toString} already gives the shortest decimal (JDK-4511638). */
    private static final boolean JDK_IS_SHORTEST = Runtime.version().feature() >= 19;

    private static final RoundingMode[] DIRECTIONS = {RoundingMode.FLOOR, RoundingMode.CEILING};

    private DecimalText() {}

    /** Writes the text of a finite {@code value}; NaN and infinities are the caller's concern. */
    static void writeDouble(double value, ByteOutput out) {
        if (value == 0) {
            out.ascii(Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0");
            return;
        }
        if (value > -1e7 && value < 1e7 && value == (long) value) {
            out.longValue((long) value);
            out.ascii(".0");
            return;
        }
        out.ascii(ofDouble(value));
    }

    /** Writes the text of a finite {@code value}; NaN and infinities are the caller's concern. */
    static void writeFloat(float value, ByteOutput out) {
        if (value == 0 || value > -1e7f && value < 1e7f && value == (long) value) {
            writeDouble(value, out);
            return;
        }
        out.ascii(ofFloat(value));
    }

    /** The text of a finite {@code value}. */
    static String ofDouble(double value) {
        String text = Double.toString(value);
        return JDK_IS_SHORTEST || value == 0 ? text : corrected(text, value);
    }

    /**
     * Returns {@code text}, JDK 17's {@code Double.toString(value)} for a non-zero value, or the
     * decimal that JDK 19 would print instead.
     */
    static String corrected(String text, double value) {
        int digits = significantDigits(text);
        if (digits < 16 && Math.abs(value) >= Double.MIN_NORMAL) {
            return text;
        }
        return format(shortest(new BigDecimal(value), digits, false, value, 0f));
    }

    /** The text of a finite {@code value}. */
    static String ofFloat(float value) {
        String text = Float.toString(value);
        return JDK_IS_SHORTEST || value == 0 ? text : corrected(text, value);
    }

    /** As {@link #corrected(String, double)}, for {@code Float.toString(value)}. */
    static String corrected(String text, float value) {
        int digits = significantDigits(text);
        if (digits < 8 && Math.abs(value) >= Float.MIN_NORMAL) {
            return text;
        }
        return format(shortest(new BigDecimal(value), digits, true, 0, value));
    }

    /** Counts the significant digits of a {@code Double.toString} text. */
    static int significantDigits(String text) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (first < 0) {
                        first = count;
                    }
                    last = count;
                }
                count++;
            }
        }
        return first < 0 ? 1 : last - first + 1;
    }

    /**
     * Finds the decimal that JDK 19's rules choose for the exact value {@code x}, knowing that
     * some decimal of {@code knownDigits} digits reads back correctly.
     */
    private static BigDecimal shortest(
            BigDecimal x, int knownDigits, boolean isFloat, double d, float f) {
        int shortest = Math.min(knownDigits, isFloat ? 9 : 17);
        while (shortest > 1 && candidate(x, shortest - 1, isFloat, d, f) != null) {
            shortest--;
        }
        int length = Math.max(2, shortest);
        BigDecimal nearest = x.round(new MathContext(length, RoundingMode.HALF_EVEN));
        if (readsBack(nearest, isFloat, d, f)) {
            return nearest;
        }
        return candidate(x, length, isFloat, d, f);
    }

    /** A decimal of {@code digits} digits next to {@code x} that reads back, or null. */
    private static BigDecimal candidate(
            BigDecimal x, int digits, boolean isFloat, double d, float f) {
        for (RoundingMode direction : DIRECTIONS) {
            BigDecimal c = x.round(new MathContext(digits, direction));
            if (readsBack(c, isFloat, d, f)) {
                return c;
            }
        }
        return null;
    }

    private static boolean readsBack(BigDecimal c, boolean isFloat, double d, float f) {
        return isFloat
                ? Float.floatToIntBits(c.floatValue()) == Float.floatToIntBits(f)
                : Double.doubleToLongBits(c.doubleValue()) == Double.doubleToLongBits(d);
    }

    /** Formats a non-zero decimal as {@code Double.toString} does. */
    static String format(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        String digits = v.unscaledValue().abs().toString();
        int exponent = digits.length() - v.scale() - 1;
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (v.signum() < 0) {
            sb.append('-');
        }
        if (exponent >= -3 && exponent < 7) {
            if (exponent < 0) {
                sb.append("0.");
                sb.append("0".repeat(-exponent - 1)).append(digits);
            } else if (digits.length() > exponent + 1) {
                sb.append(digits, 0, exponent + 1).append('.');
                sb.append(digits, exponent + 1, digits.length());
            } else {
                sb.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
            }
        } else {
            sb.append(digits.charAt(0)).append('.');
            sb.append(digits.length() > 1 ? digits.substring(1) : "0");
            sb.append('E').append(exponent);
        }
        return sb.toString();
    }
}
