package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {

    @Test
    void nestedDocument_mapsListsAndScalars() {
        Object parsed = JsonReader.parse("{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"},\"f\":[]}");

        assertEquals(Map.of("a", 1L, "b", Arrays.asList(true, false, null), "c", Map.of("d", "e"), "f", List.of()),
                parsed);
        Map<?, ?> map = (Map<?, ?>) parsed;
        assertInstanceOf(LinkedHashMap.class, map);
        assertInstanceOf(ArrayList.class, map.get("b"));
    }

    @Test
    void whitespace_allowedBetweenAllTokens() {
        assertEquals(Map.of("a", List.of(1L, 2L)), JsonReader.parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] }\r\n "));
    }

    @Test
    void scalarsAtTopLevel_accepted() {
        assertEquals("s", JsonReader.parse("\"s\""));
        assertEquals(true, JsonReader.parse("true"));
        assertNull(JsonReader.parse(" null "));
        assertEquals(-12L, JsonReader.parse("-12"));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0", "-0, 0", "7, 7", "-123, -123", "999999999999999999, 999999999999999999",
        "1000000000000000000, 1000000000000000000",
        "9223372036854775807, 9223372036854775807", "-9223372036854775808, -9223372036854775808"
    })
    void integers_fittingLong_readAsLong(String json, long expected) {
        assertEquals(expected, assertInstanceOf(Long.class, JsonReader.parse(json)));
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"})
    void integers_beyondLong_readAsBigInteger(String json) {
        assertEquals(new BigInteger(json), assertInstanceOf(BigInteger.class, JsonReader.parse(json)));
    }

    @ParameterizedTest
    @CsvSource({
        "1.5, 1.5", "1e2, 100.0", "1E+2, 100.0", "1e-2, 0.01", "-0.0, -0.0", "0.0, 0.0",
        "2.5E-3, 0.0025", "123.456e1, 1234.56", "1e400, Infinity", "-1e400, -Infinity", "1e-400, 0.0"
    })
    void fractionOrExponent_readAsDouble(String json, double expected) {
        assertEquals(expected, assertInstanceOf(Double.class, JsonReader.parse(json)));
    }

    @Test
    void escapes_allKindsDecoded() {
        assertEquals("\"\\/\b\f\n\r\tA\u00e9\u00E9",
                JsonReader.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u00E9\""));
    }

    @Test
    void escapedSurrogates_pairJoinedAndLoneKept() {
        assertEquals("\uD83D\uDE00", JsonReader.parse("\"\\ud83d\\ude00\""));
        assertEquals("a\uD800b", JsonReader.parse("\"a\\uD800b\""));
        assertEquals("\uDC00\uD800", JsonReader.parse("\"\\udc00\\ud800\""));
    }

    @Test
    void multiByteUtf8_decoded() {
        String text = "h\u00e9llo \u20ac \uD83D\uDE00 \u0800\uFFFF\u0080";
        byte[] json = ("[\"" + text + "\"]").getBytes(StandardCharsets.UTF_8);

        assertEquals(List.of(text), JsonReader.parse(json, 0, json.length));
    }

    @Test
    void duplicateNames_lastValueWinsAtFirstPosition() {
        Map<?, ?> map = (Map<?, ?>) JsonReader.parse("{\"a\":1,\"b\":2,\"a\":3}");

        assertEquals(Map.of("a", 3L, "b", 2L), map);
        assertEquals(List.of("a", "b"), new ArrayList<>(map.keySet()));
    }

    @Test
    void memberOrder_keptAsInDocument() {
        Map<?, ?> map = (Map<?, ?>) JsonReader.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertEquals(List.of("z", "a", "m"), new ArrayList<>(map.keySet()));
    }

    @Test
    void byteSlice_parsedAndOffsetsCountFromSliceStart() {
        byte[] bytes = "xx[1]yy".getBytes(StandardCharsets.US_ASCII);
        byte[] broken = "xx[1,]yy".getBytes(StandardCharsets.US_ASCII);

        assertEquals(List.of(1L), JsonReader.parse(bytes, 2, 3));
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(broken, 2, 4));
        assertEquals(3, e.offset());
        assertEquals(4, e.column());
    }

    @Test
    void byteSlice_outOfBounds_throwsIndexOutOfBounds() {
        assertThrows(IndexOutOfBoundsException.class, () -> JsonReader.parse(new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> JsonReader.parse(new byte[4], -1, 2));
    }

    @Test
    void parseObject_object_returnsMap() {
        assertEquals(Map.of("a", "b"), JsonReader.parseObject(" {\"a\":\"b\"} "));
        byte[] bytes = "{}".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Map.of(), JsonReader.parseObject(bytes, 0, 2));
    }

    @Test
    void parseObject_otherValue_throwsExpectedBrace() {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parseObject("  [1]"));

        assertEquals("expected '{' but found '[' at line 1, column 3 (offset 2)", e.getMessage());
        assertEquals("expected '{' but found '['", e.problem());
    }

    @Test
    void nesting_512Levels_accepted() {
        String json = "[".repeat(512) + "]".repeat(512);

        Object value = JsonReader.parse(json);

        for (int i = 0; i < 511; i++) {
            value = ((List<?>) value).get(0);
        }
        assertEquals(List.of(), value);
    }

    @Test
    void nesting_513Levels_rejectedAtTheOpeningBracket() {
        JsonException e = assertThrows(JsonException.class,
                () -> JsonReader.parse("[".repeat(513) + "]".repeat(513)));

        assertEquals(512, e.offset());
        assertEquals("expected at most 512 levels of nesting but found '[' opening level 513", e.problem());
    }

    @Test
    void nesting_aMillionLevels_jsonExceptionNotStackOverflow() {
        String arrays = "[".repeat(1_000_000);
        String objects = "{\"a\":".repeat(1_000_000);
        byte[] bytes = arrays.getBytes(StandardCharsets.US_ASCII);

        assertEquals(512, assertThrows(JsonException.class, () -> JsonReader.parse(arrays)).offset());
        assertEquals(512, assertThrows(JsonException.class, () -> JsonReader.parse(bytes, 0, bytes.length)).offset());
        assertEquals(512 * 5, assertThrows(JsonException.class, () -> JsonReader.parse(objects)).offset());
    }

    @Test
    void mixedNesting_countsObjectsAndArraysTogether() {
        String ok = "[{\"a\":".repeat(256) + "1" + "}]".repeat(256);
        String tooDeep = "[{\"a\":".repeat(256) + "[1]" + "}]".repeat(256);

        assertInstanceOf(List.class, JsonReader.parse(ok));
        assertThrows(JsonException.class, () -> JsonReader.parse(tooDeep));
    }
}
