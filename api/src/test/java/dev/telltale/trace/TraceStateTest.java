package dev.telltale.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceStateTest {

    private static TraceState.Result parse(String... headers) {
        return TraceState.parse(Arrays.asList(headers));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parse_valid_normalised(List<String> headers, String expected) {
        TraceState.Result r = TraceState.parse(headers);
        assertNull(r.problem(), headers::toString);
        assertEquals(expected, r.value());
    }

    static Stream<Arguments> valid() {
        String key = IntStream.rangeClosed('a', 'z').mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining())
                + "0123456789_-*/";
        StringBuilder value = new StringBuilder();
        for (char c = 0x20; c <= 0x7e; c++) {
            if (c != ',' && c != '=') {
                value.append(c);
            }
        }
        return Stream.of(
                Arguments.of(List.of("foo=1,bar=2"), "foo=1,bar=2"),
                Arguments.of(List.of("foo=1,bar=2", "rojo=1,congo=2", "baz=3"), "foo=1,bar=2,rojo=1,congo=2,baz=3"),
                Arguments.of(List.of("foo=1 \t , \t bar=2, \t baz=3"), "foo=1,bar=2,baz=3"),
                Arguments.of(List.of("\t foo=1 \t"), "foo=1"),
                Arguments.of(List.of(""), ""),
                Arguments.of(List.of("foo=1", ""), "foo=1"),
                Arguments.of(List.of("", "foo=1"), "foo=1"),
                Arguments.of(List.of(",,foo=1, ,"), "foo=1"),
                Arguments.of(List.of("foo@=1,bar=2"), "foo@=1,bar=2"),
                Arguments.of(List.of("foo@@bar=1"), "foo@@bar=1"),
                Arguments.of(List.of("foo@bar@baz=1"), "foo@bar@baz=1"),
                Arguments.of(List.of("1abc=x"), "1abc=x"),
                Arguments.of(List.of("foo= leading"), "foo= leading"),
                Arguments.of(List.of("z".repeat(256) + "=1"), "z".repeat(256) + "=1"),
                Arguments.of(List.of("t".repeat(241) + "@" + "v".repeat(14) + "=1"), "t".repeat(241) + "@" + "v".repeat(14) + "=1"),
                Arguments.of(List.of("foo=" + "v".repeat(256)), "foo=" + "v".repeat(256)),
                Arguments.of(List.of(key + "=" + value), key + "=" + value),
                Arguments.of(List.of("foo=1,foo=2"), "foo=1"),
                Arguments.of(List.of("foo=1", "foo=1"), "foo=1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void parse_invalid_discardedWithReason(String header, String reason) {
        TraceState.Result r = parse(header);
        assertEquals("", r.value());
        assertNotNull(r.problem(), header);
        assertTrue(r.problem().contains(reason), () -> r.problem() + " should say " + reason);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("foo =1", "key 'foo '"),
                Arguments.of("FOO=1", "key 'FOO'"),
                Arguments.of("foo.bar=1", "key"),
                Arguments.of("@foo=1,bar=2", "key '@foo'"),
                Arguments.of("_foo=1", "key"),
                Arguments.of("=1", "key ''"),
                Arguments.of("z".repeat(257) + "=1", "key"),
                Arguments.of("foo", "has no '='"),
                Arguments.of("foo=bar=baz", "value of 'foo'"),
                Arguments.of("foo=,bar=3", "value of 'foo'"),
                Arguments.of("foo=a\u007fb", "value"),
                Arguments.of("foo=caf\u00e9", "value"),
                Arguments.of("foo=" + "v".repeat(257), "value"),
                Arguments.of(IntStream.rangeClosed(1, 33).mapToObj(i -> "bar" + i + "=" + i)
                        .collect(Collectors.joining(",")), "more than 32"));
    }

    @Test
    void parse_32MembersOverSeveralHeaders_allKept() {
        List<String> headers = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            int from = h * 8 + 1;
            headers.add(IntStream.range(from, from + 8).mapToObj(i -> "k" + i + "=" + i).collect(Collectors.joining(",")));
        }
        TraceState.Result r = TraceState.parse(headers);
        assertNull(r.problem());
        assertEquals(32, r.value().split(",").length);
    }

    @Test
    void parse_over512_cutsLongEntriesFirstThenFromTheRight() {
        String longEntry = "long=" + "x".repeat(200); // 205 chars, over 128
        List<String> members = new ArrayList<>();
        members.add("a=" + "1".repeat(120)); // 122
        members.add(longEntry);
        members.add("b=" + "2".repeat(120));
        members.add("c=" + "3".repeat(120));
        members.add("d=" + "4".repeat(120));
        TraceState.Result r = TraceState.parse(List.of(String.join(",", members)));
        // 122*4 + 205 + 4 commas = 697: dropping the long one leaves 4*122+3 = 491
        assertNull(r.problem());
        assertEquals(String.join(",", members.get(0), members.get(2), members.get(3), members.get(4)), r.value());
    }

    @Test
    void parse_over512WithoutLongEntries_dropsFromTheRight() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add("k" + i + "=" + "v".repeat(100)); // 103 each
        }
        TraceState.Result r = TraceState.parse(List.of(String.join(",", members)));
        // 6*103+5 = 623 > 512; 5*103+4 = 519 > 512; 4*103+3 = 415
        assertEquals(String.join(",", members.subList(0, 4)), r.value());
        assertTrue(r.value().length() <= TraceState.MAX_LENGTH);
    }

    @Test
    void parse_exactly512_kept() {
        List<String> members = List.of("a=" + "1".repeat(126), "b=" + "2".repeat(125), "c=" + "3".repeat(125),
                "d=" + "4".repeat(125));
        String header = String.join(",", members);
        assertEquals(TraceState.MAX_LENGTH, header.length());
        assertEquals(header, TraceState.parse(List.of(header)).value());
        assertEquals(String.join(",", members.subList(0, 3)),
                TraceState.parse(List.of(header + "0")).value(), "one more character drops the last entry");
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("plainOrNot")
    void isPlain_onlyWhatWouldBeSentAsItIs(String header, boolean plain) {
        assertEquals(plain, TraceState.isPlain(header), header);
        if (plain) {
            assertEquals(header, TraceState.parse(List.of(header)).value());
        }
    }

    static Stream<Arguments> plainOrNot() {
        return Stream.of(
                Arguments.of("foo=1", true),
                Arguments.of("foo=1,bar=2", true),
                Arguments.of("foo= leading", true),
                Arguments.of("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", true),
                Arguments.of("foo=1, bar=2", false),
                Arguments.of("foo=1 ", false),
                Arguments.of("foo=1,", false),
                Arguments.of(",foo=1", false),
                Arguments.of("foo=1,,bar=2", false),
                Arguments.of("foo=1,foo=2", false),
                Arguments.of("foo=1,bar=2,foo=3", false),
                Arguments.of("fo=1,foo=2", true),
                Arguments.of("foo=", false),
                Arguments.of("foo", false),
                Arguments.of("foo=bar=baz", false),
                Arguments.of("", false),
                Arguments.of("k=" + "v".repeat(255) + ",j=" + "v".repeat(255) + ",i=1", false), // 519 characters
                Arguments.of(IntStream.rangeClosed(1, 33).mapToObj(i -> "k" + i + "=" + i).collect(Collectors.joining(",")),
                        false),
                Arguments.of(IntStream.rangeClosed(1, 32).mapToObj(i -> "k" + i + "=" + i).collect(Collectors.joining(",")),
                        true));
    }
}
