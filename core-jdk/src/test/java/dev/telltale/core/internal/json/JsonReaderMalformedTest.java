package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inputs that are not RFC 8259 JSON, each with where and why the reader must reject it. */
class JsonReaderMalformedTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                // input, offset, line, column, problem
                bad("", 0, 1, 1, "expected a value but found end of input"),
                bad("   ", 3, 1, 4, "expected a value but found end of input"),
                bad("[1,]", 3, 1, 4, "expected a value but found ']'"),
                bad("{\"a\":1,}", 7, 1, 8, "expected a member name (a string) but found '}'"),
                bad("[1,,2]", 3, 1, 4, "expected a value but found ','"),
                bad("{,}", 1, 1, 2, "expected a member name (a string) or '}' but found ','"),
                bad("{\"a\":1,,}", 7, 1, 8, "expected a member name (a string) but found ','"),
                bad("{1:2}", 1, 1, 2, "expected a member name (a string) or '}' but found '1'"),
                bad("[1 2]", 3, 1, 4, "expected ',' or ']' but found '2'"),
                bad("{\"a\" 1}", 5, 1, 6, "expected ':' but found '1'"),
                bad("{\"a\":1 \"b\":2}", 7, 1, 8, "expected ',' or '}' but found '\"'"),
                bad("[\"a\":1]", 4, 1, 5, "expected ',' or ']' but found ':'"),
                bad("01", 1, 1, 2, "after a leading '0' but found '1' (leading zeros are not allowed)"),
                bad("-012", 2, 1, 3, "after a leading '0' but found '1'"),
                bad("+1", 0, 1, 1, "expected a value but found '+'"),
                bad(".5", 0, 1, 1, "expected a value but found '.'"),
                bad("1.", 2, 1, 3, "expected a digit after '.' but found end of input"),
                bad("1.e5", 2, 1, 3, "expected a digit after '.' but found 'e'"),
                bad("-", 1, 1, 2, "expected a digit but found end of input"),
                bad("--1", 1, 1, 2, "expected a digit but found '-'"),
                bad("[-]", 2, 1, 3, "expected a digit but found ']'"),
                bad("1e", 2, 1, 3, "expected a digit in the exponent but found end of input"),
                bad("1e+", 3, 1, 4, "expected a digit in the exponent but found end of input"),
                bad("1.5.3", 3, 1, 4, "expected end of input but found '.'"),
                bad("0x10", 1, 1, 2, "expected end of input but found 'x'"),
                bad("NaN", 0, 1, 1, "expected a value but found 'N'"),
                bad("Infinity", 0, 1, 1, "expected a value but found 'I'"),
                bad("-Infinity", 1, 1, 2, "expected a digit but found 'I'"),
                bad("'a'", 0, 1, 1, "expected a value but found '''"),
                bad("{'a':1}", 1, 1, 2, "expected a member name (a string) or '}' but found '''"),
                bad("// c\n1", 0, 1, 1, "expected a value but found '/'"),
                bad("1 /* c */", 2, 1, 3, "expected end of input but found '/'"),
                bad("\"a\nb\"", 2, 1, 3, "found the control character U+000A, which must be escaped"),
                bad("\"tab\there\"", 4, 1, 5, "found the control character U+0009"),
                bad("\"\u0000\"", 1, 1, 2, "found the control character U+0000"),
                bad("\"\u001f\"", 1, 1, 2, "found the control character U+001F"),
                bad("\"\\x\"", 2, 1, 3, "expected an escape character (one of \" \\ / b f n r t u) but found 'x'"),
                bad("\"\\U0041\"", 2, 1, 3, "but found 'U'"),
                bad("\"\\u12\"", 5, 1, 6, "expected a hex digit of a \\u escape but found '\"'"),
                bad("\"\\u12G4\"", 5, 1, 6, "expected a hex digit of a \\u escape but found 'G'"),
                bad("\"\\", 2, 1, 3, "expected an escape character (one of \" \\ / b f n r t u) but found end of input"),
                bad("\"abc", 4, 1, 5, "expected '\"' to close the string opened at offset 0 but found end of input"),
                bad("[\"a\\\"]", 6, 1, 7, "to close the string opened at offset 1 but found end of input"),
                bad("[1,2", 4, 1, 5, "expected ',' or ']' but found end of input"),
                bad("[", 1, 1, 2, "expected a value but found end of input"),
                bad("{", 1, 1, 2, "expected a member name (a string) or '}' but found end of input"),
                bad("{\"a\"", 4, 1, 5, "expected ':' but found end of input"),
                bad("{\"a\":", 5, 1, 6, "expected a value but found end of input"),
                bad("{\"a\":1", 6, 1, 7, "expected ',' or '}' but found end of input"),
                bad("1 2", 2, 1, 3, "expected end of input but found '2'"),
                bad("{} x", 3, 1, 4, "expected end of input but found 'x'"),
                bad("[1]]", 3, 1, 4, "expected end of input but found ']'"),
                bad("\"a\"b", 3, 1, 4, "expected end of input but found 'b'"),
                bad("tru", 3, 1, 4, "expected 'true' but found end of input"),
                bad("trUe", 2, 1, 3, "expected 'true' but found 'U'"),
                bad("True", 0, 1, 1, "expected a value but found 'T'"),
                bad("nulll", 4, 1, 5, "expected end of input but found 'l'"),
                bad("fals", 4, 1, 5, "expected 'false' but found end of input"),
                bad("\u00a01", 0, 1, 1, "expected a value but found U+00A0"),
                bad("\ufeff[]", 0, 1, 1, "expected a value but found a byte order mark, which is not allowed"),
                bad("{\n  \"a\": 1,\n  \"b\": ]\n}", 19, 3, 8, "expected a value but found ']'"),
                bad("[\n1,\n2\n3]", 7, 4, 1, "expected ',' or ']' but found '3'"),
                bad("\r\n\r\nx", 4, 3, 1, "expected a value but found 'x'"));
    }

    private static Arguments bad(String json, int offset, int line, int column, String problem) {
        return Arguments.of(json, offset, line, column, problem);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void text_rejectedAtExpectedPlace(String json, int offset, int line, int column, String problem) {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(json));

        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().contains(problem), () -> "'" + e.problem() + "' should contain '" + problem + "'");
        assertEquals(e.problem() + " at line " + line + ", column " + column + " (offset " + offset + ")",
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void bytes_rejectedAtSamePlace(String json, int offset, int line, int column, String problem) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        boolean ascii = utf8.length == json.length();

        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(utf8, 0, utf8.length));

        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        if (ascii) {
            assertTrue(e.problem().contains(problem), () -> "'" + e.problem() + "' should contain '" + problem + "'");
        }
    }
}
