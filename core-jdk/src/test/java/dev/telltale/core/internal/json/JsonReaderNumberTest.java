package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Long number literals: bounded work per digit, a clear error past the digit limit, exact round trips. */
@Timeout(60) // a guard against a hang, not a speed assertion: the quadratic parse took about 20 s
class JsonReaderNumberTest {

    private static final int MAX = JsonReader.MAX_INTEGER_DIGITS;

    @Test
    void megabyteIntegerLiteral_rejectedNamingItsPositionAndLength() {
        String digits = "7".repeat(1 << 20);
        String json = "{\"n\":[1," + digits + "]}";

        JsonException fromText = assertThrows(JsonException.class, () -> JsonReader.parse(json));
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        JsonException fromBytes = assertThrows(JsonException.class, () -> JsonReader.parse(bytes, 0, bytes.length));

        assertEquals(8, fromText.offset());
        assertEquals(8, fromBytes.offset());
        assertTrue(fromText.problem().contains("at most " + MAX + " digits"), fromText.problem());
        assertTrue(fromText.problem().contains(Integer.toString(1 << 20)), fromText.problem());
    }

    @Test
    void negativeIntegerOneDigitTooLong_rejected() {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse("-" + "9".repeat(MAX + 1)));

        assertEquals(0, e.offset());
    }

    @Test
    void integerOfExactlyTheLimit_readExactly() {
        String digits = "-" + "123456789".repeat(MAX / 9) + "1".repeat(MAX % 9);

        assertEquals(new BigInteger(digits), assertInstanceOf(BigInteger.class, JsonReader.parse(digits)));
    }

    @Test
    void megabyteFractionLiteral_readAsDouble() {
        String json = "0." + "3".repeat(1 << 20) + "e1";

        assertEquals(10.0 / 3, assertInstanceOf(Double.class, JsonReader.parse(json)), 1e-15);
    }

    @Test
    void megabyteOfLeadingDigitsInAFraction_readAsDouble() {
        String json = "1" + "0".repeat(1 << 20) + ".5";

        assertEquals(Double.POSITIVE_INFINITY, assertInstanceOf(Double.class, JsonReader.parse(json)));
    }

    @Test
    void writerBigIntegerBeyondTheReadersLimit_writtenAsString_soItsOwnOutputReadsBack() {
        BigInteger atLimit = BigInteger.TEN.pow(MAX - 1);
        BigInteger beyond = BigInteger.TEN.pow(MAX);
        BigDecimal decimalBeyond = new BigDecimal(beyond);
        JsonLimits limits = new JsonLimits(4, 1 << 20, 10, 1 << 20);

        Object back = JsonReader.parse(JsonWriter.toJson(List.of(atLimit, beyond, decimalBeyond), limits));

        assertEquals(List.of(atLimit, beyond.toString(), decimalBeyond.toString()), back);
    }

    @Test
    void longIntegersInAnEvent_roundTripExactly() {
        BigInteger big = BigInteger.TWO.pow(4000).negate();

        Map<String, Object> parsed = JsonReader.parseObject(JsonWriter.toJson(Map.of("big", big), JsonLimits.DEFAULT));

        assertEquals(big, parsed.get("big"));
    }
}
