package dev.telltale.core.internal.json;

/**
 * The text of a finite {@code double} or {@code float}: {@link Double#toString(double)} and
 * {@link Float#toString(float)}, which always read back as the same value, with fast paths for
 * whole numbers and short decimals (the {@code 99.5} and {@code 12.34} most events carry), which
 * write the same text without going through a {@code String}.
 *
 * <p>JDK 17 and 18 sometimes print a digit or two more than the shortest text that reads back
 * ({@code 2.0E23} as {@code 1.9999999999999998E23}, JDK-4511638); JDK 19 and later print the
 * shortest. Both are correct JSON for the same value, and working out the shortest by hand costs
 * about a microsecond a number on the publisher thread, so Telltale takes the JDK's text.
 */
final class DecimalText {

    /** Short decimals: at most this many digits after the point. */
    private static final int MAX_FRACTION_DIGITS = 6;
    private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

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
        if (!shortDecimal(value, out)) {
            out.ascii(Double.toString(value));
        }
    }

    /**
     * Writes {@code value} as {@code Double.toString} would, if it is the nearest double to a
     * decimal with at most {@value #MAX_FRACTION_DIGITS} digits after the point and lies where
     * {@code Double.toString} writes plain decimals ([10^-3, 10^7)). There doubles are less than
     * 10^-6 apart, so at most one decimal of each length rounds to {@code value}; the shortest,
     * trailing zeros removed (the scaling may round so that only a longer length shows it), is
     * what {@code Double.toString} writes there on every JDK (JDK 17's longer texts need 16 or
     * more significant digits, more than these have).
     *
     * @return false, having written nothing, when {@code value} is not such a decimal, or is whole
     */
    static boolean shortDecimal(double value, ByteOutput out) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return false;
        }
        for (int k = 1; k <= MAX_FRACTION_DIGITS; k++) {
            double scaled = magnitude * POWERS[k];
            long m = (long) scaled;
            if (m == scaled && m / POWERS[k] == magnitude) {
                int digits = k;
                while (digits > 0 && m % 10 == 0) {
                    m /= 10;
                    digits--;
                }
                if (digits == 0) {
                    return false; // a whole number: the caller's own path
                }
                if (value < 0) {
                    out.ascii("-");
                }
                long unit = (long) POWERS[digits];
                out.longValue(m / unit);
                out.ascii(".");
                long fraction = m % unit;
                for (long digit = unit / 10; digit > fraction && digit > 1; digit /= 10) {
                    out.ascii("0");
                }
                out.longValue(fraction);
                return true;
            }
        }
        return false;
    }

    /** Writes the text of a finite {@code value}; NaN and infinities are the caller's concern. */
    static void writeFloat(float value, ByteOutput out) {
        if (value == 0 || value > -1e7f && value < 1e7f && value == (long) value) {
            writeDouble(value, out);
            return;
        }
        out.ascii(Float.toString(value));
    }
}
