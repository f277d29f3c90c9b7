package dev.telltale.core.internal.json;

import static dev.telltale.core.internal.json.Json.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonWriterNumberTest {

    @Test
    void integers_extremesAndBoxedKinds_writtenExactly() {
        assertEquals("-9223372036854775808", write(Long.MIN_VALUE));
        assertEquals("9223372036854775807", write(Long.MAX_VALUE));
        assertEquals("[0,-1,-2147483648,2147483647,-32768,127,10,1000000000000000000]", write(List.of(
                0, -1L, Integer.MIN_VALUE, Integer.MAX_VALUE, Short.MIN_VALUE, Byte.MAX_VALUE, 10L,
                1_000_000_000_000_000_000L)));
    }

    @Test
    void integers_everyDigitCount_matchLongToString() {
        long v = 1;
        for (int digits = 1; digits <= 19; digits++, v *= 10) {
            for (long n : new long[] {v, v - 1, -v, -(v - 1), v + 7}) {
                assertEquals(Long.toString(n), write(n));
            }
        }
    }

    @Test
    void integers_atomicsAndAdders_writtenAsNumbers() {
        LongAdder adder = new LongAdder();
        adder.add(40);
        adder.add(2);
        DoubleAdder doubles = new DoubleAdder();
        doubles.add(0.5);

        assertEquals("[7,-8,42,0.5]", write(List.of(new AtomicInteger(7), new AtomicLong(-8), adder, doubles)));
    }

    @Test
    void bigInteger_beyondLong_writtenAsIntegerAndReadBackAsBigInteger() {
        BigInteger big = BigInteger.TWO.pow(64).negate();

        String json = write(big);

        assertEquals("-18446744073709551616", json);
        assertEquals(big, JsonReader.parse(json));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1E+3", "-0.000001", "123.4500", "0", "1e-40"})
    void bigDecimal_writtenByToString(String input) {
        BigDecimal value = new BigDecimal(input);

        String json = write(value);

        assertEquals(value.toString(), json);
        assertEquals(0, value.compareTo(new BigDecimal(JsonReader.parse(json).toString())));
    }

    @Test
    void bigInteger_longerThanMaxChars_becomesCutString() {
        BigInteger big = BigInteger.TEN.pow(50);

        assertEquals("\"1000…[+47 chars]\"", write(big, Json.limits(4, 4, 10, 1000)));
    }

    @ParameterizedTest
    @CsvSource({
        "0.0, 0.0", "-0.0, -0.0", "1.0, 1.0", "-3.0, -3.0", "0.1, 0.1", "1234567.0, 1234567.0",
        "9999999.0, 9999999.0", "1.0E7, 1.0E7", "0.001, 0.001", "1.0E-4, 1.0E-4", "1.0E308, 1.0E308",
        "4.9E-324, 4.9E-324", "1.7976931348623157E308, 1.7976931348623157E308",
        "2.2250738585072014E-308, 2.2250738585072014E-308",
        "0.30000000000000004, 0.30000000000000004", "123.456, 123.456", "-1.5E-7, -1.5E-7",
        "1.0E22, 1.0E22", "9.007199254740993E15, 9.007199254740992E15"
    })
    void double_writtenAsJavaText(double value, String expected) {
        assertEquals(expected, write(value));
        assertEquals(expected, new JsonWriter(JsonLimits.DEFAULT).number(value).toString());
    }

    @Test
    void double_withTooLongJdk17Text_stillReadsBackExactly() {
        // JDK 17 prints 2.0E23 as 1.9999999999999998E23 (JDK-4511638): longer, but the same double
        for (double value : new double[] {2.0E23, 1.0E23, Double.longBitsToDouble(2), 8.274959553887208E14}) {
            String json = write(value);
            assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(Double.parseDouble(json)), json);
            assertEquals(Double.toString(value), json);
        }
    }

    @Test
    void shortDecimals_takeTheFastPath_andWriteExactlyWhatDoubleToStringWrites() {
        Random random = new Random(11);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            int k = 1 + random.nextInt(6);
            long bound = 10_000_000L * (long) Math.pow(10, k); // below 10^7 once scaled back
            double value = (random.nextInt(2) == 0 ? -1 : 1) * (double) Math.floorMod(random.nextLong(), bound)
                    / Math.pow(10, k);
            String json = write(value);
            assertEquals(Double.toString(value), json, () -> "for " + value);
            ByteOutput out = new ByteOutput(64);
            fast += DecimalText.shortDecimal(value, out) ? 1 : 0;
        }
        assertTrue(fast > 100_000, "most of them take the fast path: " + fast);
        for (double edge : new double[] {0.001, 0.0015, 0.00099, 9999999.5, 1e7 + 0.5, 12.005, 0.1 + 0.2, 99.5,
                -0.25, 1234567.125, 0.000001}) {
            assertEquals(Double.toString(edge), write(edge), () -> "for " + edge);
        }
    }

    @Test
    void nonFiniteDoubles_writtenAsStrings() {
        assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\",\"NaN\",\"Infinity\",\"-Infinity\"]", write(List.of(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)));
        assertEquals("\"-Infinity\"",
                new JsonWriter(JsonLimits.DEFAULT).number(Double.NEGATIVE_INFINITY).toString());
    }

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1", "1.0E10, 1.0E10", "1.4E-45, 1.4E-45", "3.4028235E38, 3.4028235E38",
        "1.6777216E7, 1.6777216E7", "-0.0, -0.0", "123.45, 123.45"
    })
    void float_writtenAsFloatText(float value, String expected) {
        assertEquals(expected, write(value));
    }

    @Test
    void randomDoubles_readBackExactly() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double value = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> Double.longBitsToDouble(random.nextLong() & 0x000F_FFFF_FFFF_FFFFL);
                case 2 -> random.nextInt(1_000_000) / 1000.0;
                default -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            };
            if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
                continue;
            }
            String json = write(value);

            assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(Double.parseDouble(json)), json);
            assertEquals(Double.doubleToLongBits(value),
                    Double.doubleToLongBits(((Number) JsonReader.parse(json)).doubleValue()), json);
        }
    }

    @Test
    void randomFloats_readBackExactly() {
        Random random = new Random(8);
        for (int i = 0; i < 20_000; i++) {
            float value = Float.intBitsToFloat(i % 2 == 0 ? random.nextInt() : random.nextInt() & 0x007F_FFFF);
            if (Float.isNaN(value) || Float.isInfinite(value) || value == 0) {
                continue;
            }
            String json = write(value);

            assertEquals(Float.floatToIntBits(value), Float.floatToIntBits(Float.parseFloat(json)), json);
        }
    }

    @Test
    void doubles_readBackAsEqualDoubles() {
        List<Double> values = List.of(-0.0, 1e308, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, -2.5e-300);

        Object parsed = JsonReader.parse(write(values));

        assertEquals(values, parsed);
        assertTrue(Double.doubleToRawLongBits((Double) ((List<?>) parsed).get(0)) != 0, "-0.0 keeps its sign");
    }


    /** Nearer to {@code exact}, or as near with an even last digit. */
    private static boolean closer(BigDecimal candidate, BigDecimal other, BigDecimal exact) {
        int order = candidate.subtract(exact).abs().compareTo(other.subtract(exact).abs());
        return order < 0 || order == 0 && !candidate.unscaledValue().testBit(0);
    }
}
