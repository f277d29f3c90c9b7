package dev.telltale.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class W3cPropagationTest {

    private static final String TRACE = "12345678901234567890123456789012";
    private static final String PARENT = "1234567890123456";
    private static final String VALID = "00-" + TRACE + "-" + PARENT + "-01";

    private static Extracted extract(String... headers) {
        return Propagation.w3c().extract(Headers.of(headers), Headers.GETTER);
    }

    @Test
    void extract_valid_readsIdsAndFlags() {
        Extracted e = extract("traceparent", VALID);
        assertTrue(e.found());
        assertNull(e.problem());
        assertEquals(TRACE, e.context().traceIdHex());
        assertEquals(PARENT, e.context().spanIdHex());
        assertEquals(0, e.context().parentId());
        assertEquals(SpanContext.SAMPLED, e.context().flags());
        assertEquals(Extracted.Sampling.SAMPLE, e.sampling());
        assertEquals("", e.context().traceState());
    }

    @Test
    void extract_noHeaders_nothing() {
        Extracted e = extract();
        assertFalse(e.found());
        assertNull(e.problem());
        assertEquals(Extracted.Sampling.DEFER, e.sampling());
    }

    @Test
    void extract_sampledClear_dropDecision() {
        Extracted e = extract("traceparent", "00-" + TRACE + "-" + PARENT + "-00");
        assertFalse(e.context().sampled());
        assertEquals(Extracted.Sampling.DROP, e.sampling());
    }

    @Test
    void extract_randomFlag_kept() {
        Extracted e = extract("traceparent", "00-" + TRACE + "-" + PARENT + "-02");
        assertEquals(SpanContext.RANDOM, e.context().flags());
        assertEquals(Extracted.Sampling.DROP, e.sampling());
    }

    @Test
    void extract_unknownFlags_cleared() {
        Extracted e = extract("traceparent", "00-" + TRACE + "-" + PARENT + "-ff");
        assertEquals(SpanContext.SAMPLED | SpanContext.RANDOM, e.context().flags());
    }

    @Test
    void extract_headerNameAnyCase_found() {
        assertTrue(extract("TrAcEpArEnT", VALID).found());
    }

    @ParameterizedTest
    @MethodSource("validVariants")
    void extract_validVariant_keepsTraceId(String header) {
        Extracted e = extract("traceparent", header);
        assertNull(e.problem(), header);
        assertEquals(TRACE, e.context().traceIdHex());
    }

    static Stream<String> validVariants() {
        return Stream.of(
                " " + VALID, "\t" + VALID, VALID + " ", VALID + "\t", "\t " + VALID + " \t",
                "cc-" + TRACE + "-" + PARENT + "-01",
                "cc-" + TRACE + "-" + PARENT + "-01-what-the-future-will-be-like",
                "01-" + TRACE + "-" + PARENT + "-01-");
    }

    @ParameterizedTest(name = "traceparent [{0}]")
    @MethodSource("invalid")
    void extract_invalid_newTraceWithReason(String header, String reason) {
        Extracted e = extract("traceparent", header);
        assertFalse(e.found(), header);
        assertEquals(Extracted.Sampling.DEFER, e.sampling());
        assertNotNull(e.problem(), header);
        assertTrue(e.problem().startsWith("traceparent: "), e.problem());
        assertTrue(e.problem().contains(reason), () -> e.problem() + " should say " + reason);
    }

    static Stream<Arguments> invalid() {
        String ids = "-" + TRACE + "-" + PARENT + "-01";
        return Stream.of(
                Arguments.of("", "version"),
                Arguments.of("00", "version"),
                Arguments.of("ff" + ids, "version ff is invalid"),
                Arguments.of(".0" + ids, "version"),
                Arguments.of("0." + ids, "version"),
                Arguments.of("0" + ids, "version"),
                Arguments.of("000" + ids, "version"),
                Arguments.of("0000" + ids, "version"),
                Arguments.of("0A" + ids, "version"),
                Arguments.of(VALID + ".", "version 00 has 55 characters, not 56"),
                Arguments.of(VALID + "-what-the-future-will-be-like", "version 00 has 55 characters"),
                Arguments.of("cc-" + TRACE + "-" + PARENT + "-01.what-the-future-will-be-like", "followed by '.'"),
                Arguments.of("cc-" + TRACE + "-" + PARENT + "-0", "shorter than 55"),
                Arguments.of("00-00000000000000000000000000000000-" + PARENT + "-01", "trace-id is all zeros"),
                Arguments.of("00-.2345678901234567890123456789012-" + PARENT + "-01", "trace-id"),
                Arguments.of("00-1234567890123456789012345678901.-" + PARENT + "-01", "trace-id"),
                Arguments.of("00-1234567890ABCDEF7890123456789012-" + PARENT + "-01", "trace-id"),
                Arguments.of("cc-123456789012345678901234567890123-" + PARENT + "-01", "trace-id"),
                Arguments.of("cc-1234567890123456789012345678901-" + PARENT + "-01-", "trace-id"),
                Arguments.of("00-" + TRACE + "-0000000000000000-01", "parent-id is all zeros"),
                Arguments.of("00-" + TRACE + "-.234567890123456-01", "parent-id"),
                Arguments.of("00-" + TRACE + "-123456789012345.-01", "parent-id"),
                Arguments.of("00-" + TRACE + "-123456789012345F-01", "parent-id"),
                Arguments.of("cc-" + TRACE + "-12345678901234567-01", "parent-id"),
                Arguments.of("cc-" + TRACE + "-123456789012345-01-0", "parent-id"),
                Arguments.of("00-" + TRACE + "-" + PARENT + "-.0", "trace-flags"),
                Arguments.of("00-" + TRACE + "-" + PARENT + "-0.", "trace-flags"),
                Arguments.of("00-" + TRACE + "-" + PARENT + "-0A", "trace-flags"),
                Arguments.of("cc-" + TRACE + "-" + PARENT + "-001", "followed by '1'"),
                Arguments.of("00-" + TRACE + "-" + PARENT + "-1", "version 00 has 55 characters, not 54"),
                Arguments.of("00_" + TRACE + "-" + PARENT + "-01", "version"),
                Arguments.of("00-" + TRACE + "_" + PARENT + "-01", "trace-id"),
                Arguments.of("00-" + TRACE + "-" + PARENT + "_01", "parent-id"));
    }

    @Test
    void extract_traceparentTwice_invalid() {
        Extracted e = extract("traceparent", VALID, "traceparent", VALID);
        assertFalse(e.found());
        assertTrue(e.problem().contains("2 times"), e.problem());
    }

    @Test
    void extract_wrongHeaderName_nothing() {
        assertFalse(extract("trace-parent", VALID).found());
        assertFalse(extract("trace.parent", VALID).found());
    }

    @Test
    void extract_tracestateWithoutTraceparent_ignored() {
        Extracted e = extract("tracestate", "foo=1");
        assertFalse(e.found());
        assertNull(e.problem());
    }

    @Test
    void extract_tracestate_kept() {
        Extracted e = extract("traceparent", VALID, "TraceState", "foo=1,bar=2");
        assertEquals("foo=1,bar=2", e.context().traceState());
    }

    @Test
    void extract_invalidTracestate_keepsTraceparentDropsState() {
        Extracted e = extract("traceparent", VALID, "tracestate", "foo=,bar=3");
        assertTrue(e.found());
        assertEquals(TRACE, e.context().traceIdHex());
        assertEquals("", e.context().traceState());
        assertTrue(e.problem().startsWith("tracestate: "), e.problem());
    }

    @Test
    void extract_invalidTraceparent_tracestateNotParsed() {
        Extracted e = extract("traceparent", "ff" + VALID.substring(2), "tracestate", "foo=1");
        assertFalse(e.found());
        assertFalse(e.problem().contains("tracestate"), e.problem());
    }

    @Test
    void inject_writesVersion00AndState() {
        SpanContext c = new SpanContext(0x1234L, 0x5678L, 0xabcL, 0x99L, SpanContext.SAMPLED | SpanContext.RANDOM, "a=1");
        Headers h = new Headers();
        Propagation.w3c().inject(c, h, Headers.SETTER);
        assertEquals("00-00000000000012340000000000005678-0000000000000abc-03", h.one("traceparent"));
        assertEquals("a=1", h.one("tracestate"));
    }

    @Test
    void inject_reservedFlags_writtenAsZero() {
        SpanContext c = new SpanContext(1, 2, 3, 0, 0xfd, "");
        Headers h = new Headers();
        Propagation.w3c().inject(c, h, Headers.SETTER);
        assertTrue(h.one("traceparent").endsWith("-01"), h.one("traceparent"));
        assertNull(h.one("tracestate"), "no empty tracestate is sent");
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void injectThenExtract_sameContext(SpanContext c) {
        Headers h = new Headers();
        Propagation.w3c().inject(c, h, Headers.SETTER);
        Extracted e = Propagation.w3c().extract(h, Headers.GETTER);
        assertEquals(new SpanContext(c.traceIdHigh(), c.traceIdLow(), c.spanId(), 0, c.flags(), c.traceState()),
                e.context());
    }

    static Stream<SpanContext> roundTrips() {
        return Stream.of(
                new SpanContext(-1L, -1L, -1L, 0, 0, ""),
                new SpanContext(0, 1, 1, 0, SpanContext.SAMPLED, ""),
                new SpanContext(Long.MIN_VALUE, 0, Long.MAX_VALUE, 0, SpanContext.RANDOM, "congo=t61rcWkgMzE"),
                new SpanContext(0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L, 0,
                        SpanContext.SAMPLED | SpanContext.RANDOM, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));
    }
}
