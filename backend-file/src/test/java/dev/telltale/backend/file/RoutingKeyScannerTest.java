package dev.telltale.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingKeyScannerTest {

    private static String find(String json) {
        return RoutingKeyScanner.find(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void find_pipelineEvent_returnsItsKey() {
        assertEquals("demo.orders", find("{\"kind\":\"demo.request\",\"routingKey\":\"demo.orders\",\"source\":\"9f1c\","
                + "\"seq\":3,\"time\":\"2026-11-21T23:37:58.123456789Z\",\"thread\":\"worker-1\",\"host\":\"box\","
                + "\"pid\":4242,\"fields\":{\"status\":200,\"note\":\"a \\\"quoted\\\" word\"}}"));
    }

    @Test
    void find_keyAfterNestedObjectsAndArraysHoldingRoutingKey_returnsTopLevelKey() {
        assertEquals("top", find("{\"fields\":{\"routingKey\":\"nested\",\"deeper\":{\"routingKey\":\"deep\"}},"
                + "\"list\":[{\"routingKey\":\"in.array\"},[1,[2,{}]],\"]\",\"}\"],\"routingKey\":\"top\"}"));
    }

    @Test
    void find_onlyNestedRoutingKey_returnsNull() {
        assertNull(find("{\"fields\":{\"routingKey\":\"nested\"},\"list\":[\"routingKey\",\"x\"]}"));
    }

    @Test
    void find_routingKeyAsStringValueOfAnotherMember_isNotTakenForTheMember() {
        assertEquals("real", find("{\"note\":\"routingKey\",\"x\":\"\\\"routingKey\\\":\\\"fake\\\"\",\"routingKey\":\"real\"}"));
    }

    @Test
    void find_escapedQuotesAndBackslashesBefore_skipsThem() {
        assertEquals("a.b", find("{\"note\":\"ends with backslash \\\\\",\"q\":\"\\\"\",\"routingKey\":\"a.b\"}"));
    }

    @Test
    void find_escapesInValue_decodesThem() {
        assertEquals("caf\u00e9.\"q\".\\/\n\t\ud83d\ude00", find("{\"routingKey\":\"caf\\u00E9.\\\"q\\\".\\\\\\/\\n\\t\\ud83d\\ude00\"}"));
    }

    @Test
    void find_rawUtf8InValue_decodesIt() {
        assertEquals("zażółć.日本", find("{\"routingKey\":\"zażółć.日本\"}"));
    }

    @Test
    void find_escapedMemberName_matches() {
        assertEquals("k", find("{\"routing\\u004bey\":\"k\"}"));
    }

    @Test
    void find_whitespaceEverywhereAndKeyLast_returnsKey() {
        assertEquals("x.y", find(" \t{ \"a\" : 1.5e3 , \"b\" : true ,\"c\":null, \"d\" : [ ] ,\r\n \"routingKey\" : \"x.y\" } "));
    }

    @Test
    void find_emptyKey_returnsEmptyString() {
        assertEquals("", find("{\"routingKey\":\"\"}"));
    }

    @Test
    void find_firstOfDuplicateMembers_wins() {
        assertEquals("first", find("{\"routingKey\":\"first\",\"routingKey\":\"second\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "[\"routingKey\",\"a\"]", "\"routingKey\"", "42", "null", "not json at all",
        "{}", "{\"kind\":\"x\"}", "{\"routingKey\":42}", "{\"routingKey\":null}", "{\"routingKey\":{\"a\":\"b\"}}",
        "{\"routingKey\":[\"a\"]}", "{\"routingKeys\":\"a\"}", "{\"RoutingKey\":\"a\"}", "{\"routingKey\" \"a\"}",
        "{\"routingKey\":\"unterminated", "{\"a\":\"unterminated, \"routingKey\":\"b\"}", "{\"a\":{\"b\":1}",
        "{\"a\":1 \"routingKey\":\"b\"}", "{\"routingKey\":\"bad \\x escape\"}", "{\"routingKey\":\"short \\u12\"}",
        "{\"routingKey\":\"ends in backslash\\", "{\"a\":[1,2}, \"routingKey\":\"b\"",
    })
    void find_notAnObjectWithStringRoutingKey_returnsNull(String line) {
        assertNull(find(line));
    }

    @Test
    void find_keyAfterMegabytesOfNestedData_returnsKey() {
        StringBuilder line = new StringBuilder("{\"fields\":{\"list\":[");
        for (int i = 0; i < 200_000; i++) {
            line.append(i == 0 ? "" : ",").append("{\"routingKey\":\"no\",\"s\":\"a\\\"b\\\\\"}");
        }
        line.append("]},\"routingKey\":\"after.the.bulk\"}");
        assertEquals("after.the.bulk", find(line.toString()));
    }

    @Test
    void find_keyAfterDeeplyNestedArraysAndObjects_returnsKey() {
        String open = "[{\"a\":".repeat(100);
        String close = "}]".repeat(100);
        assertEquals("k", find("{\"deep\":" + open + "1" + close + ",\"routingKey\":\"k\"}"));
    }

    @Test
    void find_mismatchedBracketsDeepDown_returnsNull() {
        String open = "[".repeat(70);
        String close = "}" + "]".repeat(69);
        assertNull(find("{\"deep\":" + open + close + ",\"routingKey\":\"k\"}"));
    }
}
