package dev.telltale.core.internal.json;

/**
 * The text of a finite {@code double} or {@code float}: {@link Double#toString(double)} and
 * {@link Float#toString(float)}, which always read back as the same value, with a fast path for
 * whole numbers.
 *
 * <p>JDK 17 and 18 sometimes print a digit or two more than the shortest text that reads back
 * ({@code 2.0E23} as {@code 1.9999999999999998E23}, JDK-4511638); JDK 19 and later print the
 * shortest. Both are correct JSON for the same value, and working out the shortest by hand costs
 * about a microsecond a number on the publisher thread, so Telltale takes the JDK's text.
 */
final class DecimalText {

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
        out.ascii(Double.toString(value));
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
