package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonMemberTest {

    /** A member behind others, as the tests also use it: the payload's source id. */
    private static final JsonMember SOURCE = new JsonMember("source");

    private static String source(String json) {
        byte[] found = SOURCE.utf8(json.getBytes(StandardCharsets.UTF_8));
        return found == null ? null : new String(found, StandardCharsets.UTF_8);
    }

    @Test
    void utf8_pipelineEvent_returnsTheSourceId() {
        assertEquals("5c0f7a0e-1d8e-4b53-9a43-2f0d2a1e9d4b", source("{\"kind\":\"order.placed\",\"routingKey\":\"shop.orders\","
                + "\"source\":\"5c0f7a0e-1d8e-4b53-9a43-2f0d2a1e9d4b\",\"seq\":1,\"time\":\"2026-11-21T23:37:58.123456789Z\","
                + "\"thread\":\"main\",\"host\":\"box-1\",\"pid\":4242,\"headers\":{\"source\":\"h\"},\"fields\":{\"source\":\"f\"}}"));
    }

    @Test
    void utf8_plainValue_isTheRawBytes() {
        byte[] json = "{\"source\":\"zażółć-日本\"}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals("zażółć-日本".getBytes(StandardCharsets.UTF_8), SOURCE.utf8(json));
    }

    @Test
    void utf8_escapesInValue_areDecoded() {
        assertEquals("a\"b\\c/d\n\t\u00e9\ud83d\ude00", source("{\"source\":\"a\\\"b\\\\c\\/d\\n\\t\\u00E9\\ud83d\\ude00\"}"));
    }

    @Test
    void utf8_escapedQuotesAndBracketsInEarlierMembers_areSkipped() {
        assertEquals("s", source("{\"kind\":\"a \\\"quoted\\\" } ] word\\\\\",\"routingKey\":\"{[\","
                + "\"x\":{\"source\":\"nested\",\"y\":[1,{\"z\":\"]}\"}]},\"source\":\"s\"}"));
    }

    @Test
    void utf8_numbersLiteralsAndWhitespace_areSkipped() {
        assertEquals("s", source(" {\r\n \"a\" : -1.5e3 ,\t\"b\":true,\"c\":null,\"d\":[ ],\"e\":{} , \"source\" : \"s\" } "));
    }

    @Test
    void utf8_escapedMemberName_matches() {
        assertEquals("s", source("{\"sour\\u0063e\":\"s\"}"));
    }

    @Test
    void utf8_firstOfDuplicates_wins() {
        assertEquals("first", source("{\"source\":\"first\",\"source\":\"second\"}"));
    }

    @Test
    void string_routingKey_isFound() {
        assertEquals("a.b", JsonMember.ROUTING_KEY.string("{\"kind\":\"k\",\"routingKey\":\"a.b\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void utf8_deepNestingBefore_isSkipped() {
        String deep = "[{\"a\":".repeat(500) + "1" + "}]".repeat(500);
        assertEquals("s", source("{\"deep\":" + deep + ",\"source\":\"s\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "  ", "[]", "\"source\"", "null", "{}", "{\"kind\":\"x\"}", "{\"source\":42}", "{\"source\":null}",
        "{\"source\":{\"a\":\"b\"}}", "{\"source\":[\"a\"]}", "{\"sources\":\"a\"}", "{\"Source\":\"a\"}",
        "{\"source\" \"a\"}", "{\"source\":\"unterminated", "{\"a\":\"unterminated, \"source\":\"b\"}",
        "{\"a\":1 \"source\":\"b\"}", "{\"source\":\"bad \\x escape\"}", "{\"source\":\"short \\u12\"}",
        "{\"source\":\"ends in backslash\\", "{\"a\":[1,2,\"source\":\"b\"", "{\"a\":,\"source\":\"b\"}",
    })
    void utf8_noStringSourceMember_returnsNull(String json) {
        assertNull(source(json));
    }
}
