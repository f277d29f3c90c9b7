package dev.telltale.core.internal.json;

import static dev.telltale.core.internal.json.Json.limits;
import static dev.telltale.core.internal.json.Json.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsonWriterStringTest {

    static IntStream controlCharacters() {
        return IntStream.range(0, 0x20);
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void string_controlCharacter_escapedShortOrAsLowerCaseHex(int c) {
        String expected = switch (c) {
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", c);
        };
        String value = "a" + (char) c + "b";

        byte[] json = Json.bytes(value);

        assertEquals("\"a" + expected + "b\"", new String(json, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(value, Json.parseBoth(json));
    }

    @Test
    void string_hexEscapes_useLowerCase() {
        assertEquals("\"\\u001f\\u001b\\u000b\"", write("\u001f\u001b\u000b"));
    }

    @Test
    void string_quoteAndBackslash_escaped() {
        assertEquals("\"\\\"q\\\\b\\\"\"", write("\"q\\b\""));
    }

    @Test
    void string_slashAndDelete_writtenRaw() {
        assertEquals("\"a/b\u007f\"", write("a/b\u007f"));
    }

    @Test
    void string_lineAndParagraphSeparators_escaped() {
        byte[] json = Json.bytes("x\u2028y\u2029z");

        assertEquals("\"x\\u2028y\\u2029z\"", new String(json, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("x\u2028y\u2029z", Json.parseBoth(json));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lone high in the middle | a\\uD800b             | a\uFFFDb
            lone high at the end    | ab\\uDBFF             | ab\uFFFD
            lone low                | a\\uDC00b             | a\uFFFDb
            lone low at the start   | \\uDFFFb              | \uFFFDb
            reversed pair           | \\uDC00\\uD800        | \uFFFD\uFFFD
            two highs then a low    | \\uD800\\uD83D\\uDE00 | \uFFFD\uD83D\uDE00
            """)
    void string_loneSurrogate_writtenAsReplacementCharacter(String name, String escapedInput, String expected) {
        String value = unescape(escapedInput);

        byte[] json = Json.bytes(value);

        assertEquals("\"" + expected + "\"", new String(json, java.nio.charset.StandardCharsets.UTF_8));
        assertStrictUtf8(json);
        assertEquals(expected, Json.parseBoth(json));
    }

    @Test
    void string_loneSurrogate_replacementIsThreeUtf8Bytes() {
        assertArrayEquals(new byte[] {'"', 'a', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, '"'}, Json.bytes("a\uD800"));
    }

    @Test
    void string_pairStraddlingTheByteBudget_neverSplit() {
        for (int budget = 100; budget < 140; budget++) {
            String value = "\uD83D\uDE00".repeat(100);

            byte[] json = new JsonWriter(limits(4, 1000, 10, budget)).value(value).toByteArray();

            assertStrictUtf8(json);
            String back = (String) Json.parseBoth(json);
            String kept = back.substring(0, back.indexOf('\u2026'));
            assertEquals("\uD83D\uDE00".repeat(kept.length() / 2), kept, "budget " + budget);
            assertEquals("\uD83D\uDE00".length() * 100 - kept.length(),
                    Integer.parseInt(back.substring(back.indexOf("[+") + 2, back.indexOf(" chars]"))));
        }
    }

    @Test
    void charArray_surrogatePairIsOneElement_loneOnesReplaced() {
        char[] chars = {'a', '\uD83D', '\uDE00', '\uDC00', '\uD800'};

        byte[] json = Json.bytes(chars);

        assertStrictUtf8(json);
        assertEquals(List.of("a", "\uD83D\uDE00", "\uFFFD", "\uFFFD"), Json.parseBoth(json));
    }

    @Test
    void charArray_pairAtTheItemLimit_notSplit() {
        char[] chars = {'a', '\uD83D', '\uDE00', 'b'};

        assertEquals("[\"a\",\"\uD83D\uDE00\",{\"$omitted\":1}]", write(chars, limits(4, 10, 2, 1000)));
    }

    /** Decodes strictly: malformed UTF-8 or an encoded surrogate fails, as jq and other strict readers do. */
    static void assertStrictUtf8(byte[] json) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(json));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("not strict UTF-8: " + e, e);
        }
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(-1, text.toLowerCase(java.util.Locale.ROOT).indexOf("\\ud8"), text);
        assertEquals(-1, text.toLowerCase(java.util.Locale.ROOT).indexOf("\\udc"), text);
        assertEquals(-1, text.toLowerCase(java.util.Locale.ROOT).indexOf("\\udd"), text);
        assertEquals(-1, text.toLowerCase(java.util.Locale.ROOT).indexOf("\\ude"), text);
        assertEquals(-1, text.toLowerCase(java.util.Locale.ROOT).indexOf("\\udf"), text);
    }

    @Test
    void string_validSurrogatePair_fourByteUtf8() {
        byte[] json = Json.bytes("\uD83D\uDE00"); // U+1F600

        assertArrayEquals(new byte[] {'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '"'}, json);
        assertEquals("\uD83D\uDE00", Json.parseBoth(json));
    }

    @Test
    void string_highestCodePoint_fourByteUtf8() {
        byte[] json = Json.bytes(new String(Character.toChars(0x10FFFF)));

        assertArrayEquals(new byte[] {'"', (byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF, '"'}, json);
    }

    @Test
    void string_bmpNonAscii_rawUtf8() {
        byte[] json = Json.bytes("\u00e9\u07ff\u0800\u20ac\uffff");

        assertArrayEquals(new byte[] {'"',
            (byte) 0xC3, (byte) 0xA9,
            (byte) 0xDF, (byte) 0xBF,
            (byte) 0xE0, (byte) 0xA0, (byte) 0x80,
            (byte) 0xE2, (byte) 0x82, (byte) 0xAC,
            (byte) 0xEF, (byte) 0xBF, (byte) 0xBF,
            '"'}, json);
        assertEquals("\u00e9\u07ff\u0800\u20ac\uffff", Json.parseBoth(json));
    }

    @Test
    void string_randomUtf16IncludingBrokenPairs_readBackUnchanged() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[random.nextInt(20)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) (0xD800 + random.nextInt(0x800));
                    default -> (char) random.nextInt(0x10000);
                };
            }
            String value = new String(chars);
            byte[] json = Json.bytes(value);

            assertStrictUtf8(json);
            assertEquals(replaceLoneSurrogates(value), Json.parseBoth(json), () -> "for " + escape(value));
        }
    }

    @Test
    void string_longerThanMaxChars_cutWithMarker() {
        assertEquals("\"abcde…[+3 chars]\"", write("abcdefgh", limits(4, 5, 10, 1000)));
    }

    @Test
    void string_exactlyMaxChars_notCut() {
        assertEquals("\"abcde\"", write("abcde", limits(4, 5, 10, 1000)));
    }

    @Test
    void string_cutWouldSplitSurrogatePair_cutBeforeThePair() {
        String value = "abcd\uD83D\uDE00xyz";

        assertEquals("\"abcd…[+5 chars]\"", write(value, limits(4, 5, 10, 1000)));
        assertEquals("\"abcd\uD83D\uDE00…[+3 chars]\"", write(value, limits(4, 6, 10, 1000)));
    }

    @Test
    void string_cutAfterLoneHighSurrogate_replacesIt() {
        assertEquals("\"abcd\uFFFD…[+1 chars]\"", write("abcd\uD83Dx", limits(4, 5, 10, 1000)));
    }

    @Test
    void name_longerThanMaxChars_cutWithMarker() {
        assertEquals("{\"abc…[+2 chars]\":1}", write(Map.of("abcde", 1), limits(4, 3, 10, 1000)));
    }

    @Test
    void string_markerTextIsValidAndReadBack() {
        Object parsed = JsonReader.parse(write(List.of("0123456789"), limits(4, 4, 10, 1000)));

        assertEquals(List.of("0123…[+6 chars]"), parsed);
    }

    private static String unescape(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i)) {
                sb.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                sb.append(text.charAt(i));
            }
        }
        return sb.toString();
    }

    private static String replaceLoneSurrogates(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(String.format("\\u%04x", c)));
        return sb.toString();
    }
}
