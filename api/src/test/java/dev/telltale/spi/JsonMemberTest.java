package dev.telltale.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one routing-key scanner the backends share (it replaced the file and Kafka backends' own). */
class JsonMemberTest {

    private static String routingKey(String json) {
        return JsonMember.ROUTING_KEY.string(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void string_pipelineEvent_returnsItsRoutingKey() {
        assertEquals("demo.orders", routingKey("{\"kind\":\"demo.request\",\"routingKey\":\"demo.orders\",\"source\":\"9f1c\","
                + "\"seq\":3,\"time\":\"2026-11-21T23:37:58.123456789Z\",\"thread\":\"worker-1\",\"host\":\"box\","
                + "\"pid\":4242,\"fields\":{\"status\":200,\"note\":\"a \\\"quoted\\\" word\"}}"));
    }

    @Test
    void string_anyMemberName_isFoundBehindOthersAndNotInNestedOnes() {
        JsonMember source = JsonMember.of("source");
        assertEquals("source", source.name());
        assertEquals("5c0f", source.string(("{\"kind\":\"order.placed\",\"routingKey\":\"shop.orders\",\"source\":\"5c0f\","
                + "\"seq\":1,\"headers\":{\"source\":\"h\"},\"fields\":{\"source\":\"f\"}}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void string_keyAfterNestedObjectsAndArraysHoldingTheName_returnsTopLevelValue() {
        assertEquals("top", routingKey("{\"fields\":{\"routingKey\":\"nested\",\"deeper\":{\"routingKey\":\"deep\"}},"
                + "\"list\":[{\"routingKey\":\"in.array\"},[1,[2,{}]],\"]\",\"}\"],\"routingKey\":\"top\"}"));
    }

    @Test
    void string_onlyNestedMember_returnsNull() {
        assertNull(routingKey("{\"fields\":{\"routingKey\":\"nested\"},\"list\":[\"routingKey\",\"x\"]}"));
    }

    @Test
    void string_nameAsValueOfAnotherMember_isNotTakenForTheMember() {
        assertEquals("real", routingKey("{\"note\":\"routingKey\",\"x\":\"\\\"routingKey\\\":\\\"fake\\\"\",\"routingKey\":\"real\"}"));
    }

    @Test
    void string_escapedQuotesBackslashesAndBracketsBefore_areSkipped() {
        assertEquals("a.b", routingKey("{\"note\":\"ends with backslash \\\\\",\"q\":\"\\\"\",\"routingKey\":\"a.b\"}"));
        assertEquals("s", routingKey("{\"kind\":\"a \\\"quoted\\\" } ] word\\\\\",\"x\":{\"routingKey\":\"nested\","
                + "\"y\":[1,{\"z\":\"]}\"}]},\"routingKey\":\"s\"}"));
    }

    @Test
    void string_escapesInValue_areDecoded() {
        assertEquals("caf\u00e9.\"q\".\\/\n\t\ud83d\ude00",
                routingKey("{\"routingKey\":\"caf\\u00E9.\\\"q\\\".\\\\\\/\\n\\t\\ud83d\\ude00\"}"));
        assertEquals("\b\f\r", routingKey("{\"routingKey\":\"\\b\\f\\r\"}"));
    }

    @Test
    void string_rawUtf8InValue_isDecoded() {
        assertEquals("zażółć.日本", routingKey("{\"routingKey\":\"zażółć.日本\"}"));
    }

    @Test
    void string_escapedMemberName_matches() {
        assertEquals("k", routingKey("{\"routing\\u004bey\":\"k\"}"));
    }

    @Test
    void string_whitespaceEverywhereAndMemberLast_returnsValue() {
        assertEquals("x.y", routingKey(" \t{ \"a\" : -1.5e3 , \"b\" : true ,\"c\":null, \"d\" : [ ] ,\"e\":{} ,\r\n"
                + " \"routingKey\" : \"x.y\" } "));
    }

    @Test
    void string_emptyValue_returnsEmptyString() {
        assertEquals("", routingKey("{\"routingKey\":\"\"}"));
    }

    @Test
    void string_firstOfDuplicateMembers_wins() {
        assertEquals("first", routingKey("{\"routingKey\":\"first\",\"routingKey\":\"second\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "[\"routingKey\",\"a\"]", "\"routingKey\"", "42", "null", "not json at all",
        "{}", "{\"kind\":\"x\"}", "{\"routingKey\":42}", "{\"routingKey\":null}", "{\"routingKey\":{\"a\":\"b\"}}",
        "{\"routingKey\":[\"a\"]}", "{\"routingKeys\":\"a\"}", "{\"RoutingKey\":\"a\"}", "{\"routingKey\" \"a\"}",
        "{\"routingKey\":\"unterminated", "{\"a\":\"unterminated, \"routingKey\":\"b\"}", "{\"a\":{\"b\":1}",
        "{\"a\":1 \"routingKey\":\"b\"}", "{\"routingKey\":\"bad \\x escape\"}", "{\"routingKey\":\"short \\u12\"}",
        "{\"routingKey\":\"bad hex \\u12G4\"}", "{\"routingKey\":\"ends in backslash\\",
        "{\"a\":[1,2}, \"routingKey\":\"b\"", "{\"a\":[1,2,\"routingKey\":\"b\"", "{\"a\":,\"routingKey\":\"b\"}",
        "{\"a\":", "{\"a\"", "{\"routingKey\":",
    })
    void string_notAnObjectWithStringMember_returnsNull(String json) {
        assertNull(routingKey(json));
    }

    @Test
    void string_valueAfterMegabytesOfNestedData_isFound() {
        StringBuilder line = new StringBuilder("{\"fields\":{\"list\":[");
        for (int i = 0; i < 200_000; i++) {
            line.append(i == 0 ? "" : ",").append("{\"routingKey\":\"no\",\"s\":\"a\\\"b\\\\\"}");
        }
        line.append("]},\"routingKey\":\"after.the.bulk\"}");
        assertEquals("after.the.bulk", routingKey(line.toString()));
    }

    @Test
    void string_valueAfterDeeplyNestedArraysAndObjects_isFound() {
        String deep = "[{\"a\":".repeat(500) + "1" + "}]".repeat(500);
        assertEquals("k", routingKey("{\"deep\":" + deep + ",\"routingKey\":\"k\"}"));
    }

    @Test
    void string_mismatchedBracketsShallowOrDeep_returnsNull() {
        assertNull(routingKey("{\"deep\":[}],\"routingKey\":\"k\"}"));
        assertNull(routingKey("{\"deep\":" + "[".repeat(70) + "}" + "]".repeat(69) + ",\"routingKey\":\"k\"}"));
        assertNull(routingKey("{\"deep\":" + "{\"a\":[".repeat(200) + "}" + "]}".repeat(199) + ",\"routingKey\":\"k\"}"));
    }

    @Test
    void nullArguments_throwNamingThem() {
        assertEquals("json == null", assertThrows(NullPointerException.class, () -> JsonMember.ROUTING_KEY.string(null))
                .getMessage());
        assertEquals("name == null", assertThrows(NullPointerException.class, () -> JsonMember.of(null)).getMessage());
    }
}
