package dev.telltale.core.internal.json;

import static dev.telltale.core.internal.json.Json.limits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer's plain ASCII path: strings are written byte for byte up to the first char that
 * needs more (an escape, non-ASCII, a surrogate), and from there as before. Checked against an
 * encoder written from the rules in {@link JsonWriter}'s comment, with that char at every place.
 */
class JsonWriterAsciiPathTest {

    /** Chars that end the plain path, alone or as a pair. */
    private static final List<String> SPECIAL = List.of(
            "\"", "\\", "\n", "\u0000", "\u001f", "\u007f", "/", "\u0080", "\u00e9", "\u07ff", "\u0800", "\u20ac",
            "\u2028", "\u2029", "\uffff", "\uD83D\uDE00", "\uD800", "\uDC00", "\uDC00\uD800", "\uD83D", "\uD83Dx");

    /** The string as the rules say it is written, quotes included. */
    private static byte[] expected(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\u2028', '\u2029' -> String.format("\\u%04x", (int) c);
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
            };
            if (escape != null) {
                out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.writeBytes(s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.writeBytes("\uFFFD".getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write('"');
        return out.toByteArray();
    }

    @Test
    void aSpecialCharAtEveryPlace_isWrittenByTheRules_asValueAndAsName() {
        JsonWriter writer = new JsonWriter(JsonLimits.DEFAULT);
        for (String special : SPECIAL) {
            for (int before = 0; before <= 17; before++) {
                for (int after = 0; after <= 3; after++) {
                    String s = "abcdefghijklmnopq".substring(0, before) + special + "xyz".substring(0, after)
                            + (after == 3 ? special : "");
                    byte[] quoted = expected(s);

                    writer.reset();
                    assertArrayEquals(quoted, writer.value(s).toByteArray(), () -> "value " + codes(s));

                    writer.reset();
                    byte[] member = writer.beginObject().name(s).number(1).endObject().toByteArray();
                    ByteArrayOutputStream object = new ByteArrayOutputStream();
                    object.write('{');
                    object.writeBytes(quoted);
                    object.writeBytes(":1}".getBytes(StandardCharsets.US_ASCII));
                    assertArrayEquals(object.toByteArray(), member, () -> "name " + codes(s));
                }
            }
        }
    }

    private static String codes(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(String.format("U+%04X ", c)));
        return b.toString();
    }

    @Test
    void plainAscii_isWrittenAsIs_andEmptyStringsToo() {
        String printable = "";
        for (char c = 0x20; c < 0x80; c++) {
            if (c != '"' && c != '\\') {
                printable += c;
            }
        }
        for (String s : List.of("", "a", printable, printable.repeat(50))) {
            assertArrayEquals(expected(s), Json.bytes(s));
        }
    }

    @Test
    void asciiWithALastMultiByteChar_atEveryByteBudget_staysWithinIt_andCutsWhole() {
        for (int budget = JsonWriter.MIN_MAX_BYTES; budget < 260; budget++) {
            for (String last : List.of("\u00e9", "\u20ac", "\uD83D\uDE00", "\"")) {
                String value = "a".repeat(150) + last + "b".repeat(10);

                byte[] json = new JsonWriter(limits(4, 1000, 10, budget)).value(value).toByteArray();

                assertTrue(json.length <= budget, "budget " + budget + ": " + json.length + " bytes");
                JsonWriterStringTest.assertStrictUtf8(json);
                String back = (String) Json.parseBoth(json);
                int marker = back.indexOf('\u2026');
                String kept = marker < 0 ? back : back.substring(0, marker);
                assertTrue(value.startsWith(kept), () -> "kept " + kept);
                int left = marker < 0 ? 0 : Integer.parseInt(back.substring(back.indexOf("[+") + 2, back.indexOf(" chars]")));
                assertEquals(value.length(), kept.length() + left, "budget " + budget);
            }
        }
    }
}
