package dev.telltale.core.internal.probe;

import dev.telltale.probe.InstrumentSpec;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Values that metric instruments add up or record, as whole numbers. */
final class Numbers {

    private Numbers() {}

    /**
     * {@code value} as a long: integers as they are (saturated), decimals rounded, a {@link
     * java.time.Duration} in nanoseconds.
     *
     * @throws IllegalArgumentException if it is null or not a number; the message names the instrument
     */
    static long whole(Object value, InstrumentSpec spec) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return Math.round(((Number) value).doubleValue());
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : b.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (value instanceof BigDecimal d) {
            return whole(d.setScale(0, java.math.RoundingMode.HALF_UP).toBigInteger(), spec);
        }
        if (value instanceof Number n) {
            return Math.round(n.doubleValue());
        }
        if (value instanceof java.time.Duration d) {
            return d.compareTo(java.time.Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
        }
        throw new IllegalArgumentException(spec.type() + " '" + spec.name() + "': value '" + spec.value() + "' gave "
                + (value == null ? "null" : value.getClass().getName()) + ", not a number");
    }
}
