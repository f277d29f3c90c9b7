package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderUtf8Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lone continuation byte            | 80          | 0x80
            overlong two-byte form C0         | C080        | 0xC0
            overlong two-byte form C1         | C1BF        | 0xC1
            overlong three-byte form          | E08080      | 0xE0 0x80
            overlong three-byte form, highest | E09FBF      | 0xE0 0x9F
            encoded high surrogate            | EDA080      | 0xED 0xA0
            encoded low surrogate             | EDBFBF      | 0xED 0xBF
            overlong four-byte form           | F0808080    | 0xF0 0x80
            overlong four-byte form, highest  | F08FBFBF    | 0xF0 0x8F
            above U+10FFFF                    | F4908080    | 0xF4 0x90
            lead byte F5                      | F5808080    | 0xF5
            lead byte FE                      | FE          | 0xFE
            lead byte FF                      | FF          | 0xFF
            ASCII instead of continuation     | C328        | 0xC3 0x28
            quote instead of continuation     | E282        | 0xE2 0x82 0x22
            third byte not a continuation     | F09F28      | 0xF0 0x9F 0x28
            """)
    void invalidSequenceInString_rejectedAtItsFirstByte(String name, String hex, String found) {
        byte[] json = quoted(HexFormat.of().parseHex(hex));

        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(json, 0, json.length));

        assertEquals(1, e.offset(), e.getMessage());
        assertEquals("expected UTF-8 but found the bytes " + found, e.problem());
    }

    @Test
    void truncatedSequenceAtEnd_rejected() {
        byte[] json = {'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98};

        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(json, 0, json.length));

        assertEquals(1, e.offset());
        assertEquals("expected a UTF-8 sequence of 4 bytes but found end of input after 3", e.problem());
    }

    @Test
    void invalidByteAfterValidText_offsetOfThatByte() {
        byte[] json = {'"', (byte) 0xC3, (byte) 0xA9, 'x', (byte) 0x80, '"'};

        assertEquals(4, assertThrows(JsonException.class, () -> JsonReader.parse(json, 0, json.length)).offset());
    }

    @Test
    void nonAsciiOutsideString_rejectedNamingTheByte() {
        byte[] json = {'[', (byte) 0xC3, (byte) 0xA9, ']'};

        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(json, 0, json.length));

        assertEquals("expected a value but found byte 0xC3", e.problem());
        assertEquals(1, e.offset());
    }

    @Test
    void byteOrderMark_rejected() {
        byte[] json = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};

        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(json, 0, json.length));

        assertEquals(0, e.offset());
        assertEquals("expected a value but found a byte order mark, which is not allowed", e.problem());
    }

    @Test
    void byteOrderMarkCharacterInsideString_accepted() {
        byte[] json = {'"', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '"'};

        assertEquals("\uFEFF", JsonReader.parse(json, 0, json.length));
    }

    @ParameterizedTest
    @CsvSource({"C280, 0080", "DFBF, 07FF", "E0A080, 0800", "ED9FBF, D7FF", "EE8080, E000", "EFBFBF, FFFF",
        "F0908080, D800DC00", "F48FBFBF, DBFFDFFF"})
    void boundaryCodePoints_decoded(String utf8, String utf16) {
        byte[] json = quoted(HexFormat.of().parseHex(utf8));
        char[] expected = new char[utf16.length() / 4];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (char) Integer.parseInt(utf16.substring(4 * i, 4 * i + 4), 16);
        }

        assertEquals(new String(expected), JsonReader.parse(json, 0, json.length));
    }

    @Test
    void randomBytes_acceptedExactlyWhenTheJdkStrictDecoderAccepts() {
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] content = new byte[1 + random.nextInt(6)];
            for (int j = 0; j < content.length; j++) {
                int b = random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x5F) : 0x80 + random.nextInt(0x80);
                content[j] = (byte) (b == '"' || b == '\\' ? 'a' : b);
            }
            byte[] json = quoted(content);
            String expected = strictDecode(content);

            if (expected == null) {
                assertThrows(JsonException.class, () -> JsonReader.parse(json, 0, json.length),
                        () -> "accepted " + HexFormat.of().formatHex(content));
            } else {
                accepted++;
                assertEquals(expected, JsonReader.parse(json, 0, json.length), HexFormat.of().formatHex(content));
            }
        }
        assertEquals(true, accepted > 1000, "enough valid samples: " + accepted);
    }

    private static String strictDecode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] quoted(byte[] content) {
        byte[] json = Arrays.copyOf(new byte[] {'"'}, content.length + 2);
        System.arraycopy(content, 0, json, 1, content.length);
        json[json.length - 1] = '"';
        return json;
    }
}
