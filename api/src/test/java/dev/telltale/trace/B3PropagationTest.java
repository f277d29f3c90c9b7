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

class B3PropagationTest {

    private static final String TRACE128 = "80f198ee56343ba864fe8b2a57d3eff7";
    private static final String TRACE64 = "64fe8b2a57d3eff7";
    private static final String SPAN = "e457b5a2e4d86bd1";
    private static final String PARENT = "05e3ac9a4f6e3b90";

    private static Extracted extract(String... headers) {
        return Propagation.b3Single().extract(Headers.of(headers), Headers.GETTER);
    }

    @Test
    void single_full_readsAll() {
        Extracted e = extract("b3", TRACE128 + "-" + SPAN + "-1-" + PARENT);
        assertNull(e.problem());
        assertEquals(TRACE128, e.context().traceIdHex());
        assertEquals(SPAN, e.context().spanIdHex());
        assertEquals(PARENT, SpanContext.hex(e.context().parentId()));
        assertEquals(Extracted.Sampling.SAMPLE, e.sampling());
        assertTrue(e.context().sampled());
    }

    @Test
    void single_64bitTraceId_highIsZero() {
        Extracted e = extract("b3", TRACE64 + "-" + SPAN);
        assertEquals(0, e.context().traceIdHigh());
        assertEquals(TRACE64, SpanContext.hex(e.context().traceIdLow()));
        assertEquals(Extracted.Sampling.DEFER, e.sampling());
        assertFalse(e.context().sampled());
    }

    @ParameterizedTest(name = "b3: {0}")
    @MethodSource("singleDecisions")
    void single_samplingState(String value, Extracted.Sampling expected, boolean hasContext) {
        Extracted e = extract("b3", value);
        assertNull(e.problem(), value);
        assertEquals(expected, e.sampling());
        assertEquals(hasContext, e.found());
    }

    static Stream<Arguments> singleDecisions() {
        return Stream.of(
                Arguments.of("0", Extracted.Sampling.DROP, false),
                Arguments.of("1", Extracted.Sampling.SAMPLE, false),
                Arguments.of("d", Extracted.Sampling.SAMPLE, false),
                Arguments.of(TRACE128 + "-" + SPAN + "-0", Extracted.Sampling.DROP, true),
                Arguments.of(TRACE128 + "-" + SPAN + "-1", Extracted.Sampling.SAMPLE, true),
                Arguments.of(TRACE128 + "-" + SPAN + "-d", Extracted.Sampling.SAMPLE, true),
                Arguments.of(TRACE128 + "-" + SPAN, Extracted.Sampling.DEFER, true),
                Arguments.of(" " + TRACE64 + "-" + SPAN + "-0 ", Extracted.Sampling.DROP, true));
    }

    @ParameterizedTest(name = "b3: {0}")
    @MethodSource("singleInvalid")
    void single_invalid_newTraceWithReason(String value, String reason) {
        Extracted e = extract("b3", value);
        assertFalse(e.found(), value);
        assertEquals(Extracted.Sampling.DEFER, e.sampling());
        assertNotNull(e.problem(), value);
        assertTrue(e.problem().startsWith("b3: "), e.problem());
        assertTrue(e.problem().contains(reason), () -> e.problem() + " should say " + reason);
    }

    static Stream<Arguments> singleInvalid() {
        return Stream.of(
                Arguments.of("", "not {traceId}"),
                Arguments.of("2", "not a sampling state"),
                Arguments.of("D", "not a sampling state"),
                Arguments.of("true", "not {traceId}"),
                Arguments.of(TRACE128, "not {traceId}"),
                Arguments.of(TRACE128 + "-" + SPAN + "-1-" + PARENT + "-x", "not {traceId}"),
                Arguments.of(TRACE128 + "-" + SPAN + "-2", "sampling state '2'"),
                Arguments.of(TRACE128 + "-" + SPAN + "-" + PARENT, "sampling state '" + PARENT + "'"),
                Arguments.of(TRACE128 + "-" + SPAN + "-", "sampling state ''"),
                Arguments.of(TRACE128.toUpperCase() + "-" + SPAN, "trace id"),
                Arguments.of("1234-" + SPAN, "trace id '1234'"),
                Arguments.of(TRACE128 + "0-" + SPAN, "trace id"),
                Arguments.of(TRACE64.substring(1) + "-" + SPAN, "trace id"),
                Arguments.of("0000000000000000-" + SPAN, "trace id is all zeros"),
                Arguments.of("00000000000000000000000000000000-" + SPAN, "trace id is all zeros"),
                Arguments.of(TRACE128 + "-" + SPAN.substring(1), "span id"),
                Arguments.of(TRACE128 + "-" + SPAN.toUpperCase(), "span id"),
                Arguments.of(TRACE128 + "-0000000000000000-1", "span id is all zeros"),
                Arguments.of(TRACE128 + "-" + SPAN + "-1-" + PARENT.substring(2), "parent span id"),
                Arguments.of(TRACE128 + "-" + SPAN + "-1-" + PARENT.toUpperCase(), "parent span id"),
                Arguments.of(TRACE128 + "-" + SPAN + "-1-", "parent span id"));
    }

    @Test
    void multi_full_readsAll() {
        Extracted e = extract("X-B3-TraceId", TRACE128, "X-B3-SpanId", SPAN, "X-B3-ParentSpanId", PARENT,
                "X-B3-Sampled", "1");
        assertNull(e.problem());
        assertEquals(TRACE128, e.context().traceIdHex());
        assertEquals(SPAN, e.context().spanIdHex());
        assertEquals(PARENT, SpanContext.hex(e.context().parentId()));
        assertEquals(Extracted.Sampling.SAMPLE, e.sampling());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiDecisions")
    void multi_samplingState(String name, String[] headers, Extracted.Sampling expected, boolean hasContext) {
        Extracted e = extract(headers);
        assertNull(e.problem(), name);
        assertEquals(expected, e.sampling(), name);
        assertEquals(hasContext, e.found(), name);
    }

    static Stream<Arguments> multiDecisions() {
        return Stream.of(
                Arguments.of("sampled 0", new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN, "x-b3-sampled", "0"},
                        Extracted.Sampling.DROP, true),
                Arguments.of("sampled true", new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN, "x-b3-sampled", "true"},
                        Extracted.Sampling.SAMPLE, true),
                Arguments.of("sampled false", new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN, "x-b3-sampled", "false"},
                        Extracted.Sampling.DROP, true),
                Arguments.of("debug", new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN, "x-b3-flags", "1"},
                        Extracted.Sampling.SAMPLE, true),
                Arguments.of("debug beats sampled 0", new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN,
                        "x-b3-flags", "1", "x-b3-sampled", "0"}, Extracted.Sampling.SAMPLE, true),
                Arguments.of("ids only", new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN},
                        Extracted.Sampling.DEFER, true),
                Arguments.of("sampled only", new String[] {"x-b3-sampled", "0"}, Extracted.Sampling.DROP, false),
                Arguments.of("flags only", new String[] {"x-b3-flags", "1"}, Extracted.Sampling.SAMPLE, false),
                Arguments.of("first value wins", new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN,
                        "x-b3-sampled", "1", "x-b3-sampled", "0"}, Extracted.Sampling.SAMPLE, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiInvalid")
    void multi_invalid_newTraceWithReason(String[] headers, String reason) {
        Extracted e = extract(headers);
        assertFalse(e.found());
        assertNotNull(e.problem());
        assertTrue(e.problem().contains(reason), () -> e.problem() + " should say " + reason);
    }

    static Stream<Arguments> multiInvalid() {
        return Stream.of(
                Arguments.of(new String[] {"x-b3-traceid", TRACE64}, "without X-B3-SpanId"),
                Arguments.of(new String[] {"x-b3-spanid", SPAN}, "without X-B3-TraceId"),
                Arguments.of(new String[] {"x-b3-parentspanid", PARENT}, "X-B3-ParentSpanId without"),
                Arguments.of(new String[] {"x-b3-traceid", "xyz", "x-b3-spanid", SPAN}, "X-B3: trace id 'xyz'"),
                Arguments.of(new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", "0000000000000000"}, "span id is all zeros"),
                Arguments.of(new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN, "x-b3-parentspanid", "12"},
                        "parent span id '12'"),
                Arguments.of(new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN, "x-b3-sampled", "yes"},
                        "X-B3-Sampled: 'yes'"),
                Arguments.of(new String[] {"x-b3-traceid", TRACE64, "x-b3-spanid", SPAN, "x-b3-flags", "2"},
                        "X-B3-Flags: '2'"));
    }

    @Test
    void singleWinsOverMulti() {
        Extracted e = extract("b3", TRACE128 + "-" + SPAN + "-1", "x-b3-traceid", TRACE64, "x-b3-spanid", PARENT);
        assertEquals(TRACE128, e.context().traceIdHex());
    }

    @Test
    void invalidSingle_fallsBackToMulti() {
        Extracted e = extract("b3", "garbage", "x-b3-traceid", TRACE64, "x-b3-spanid", PARENT);
        assertTrue(e.found());
        assertEquals(PARENT, e.context().spanIdHex());
    }

    @Test
    void injectSingle_format() {
        Headers h = new Headers();
        Propagation.b3Single().inject(new SpanContext(0, 0x64fe8b2a57d3eff7L, 0xe457b5a2e4d86bd1L, 0x05e3ac9a4f6e3b90L,
                SpanContext.SAMPLED, "x=1"), h, Headers.SETTER);
        assertEquals(TRACE64 + "-" + SPAN + "-1-" + PARENT, h.one("b3"));
        assertEquals(1, h.map.size(), "nothing but b3: " + h.map);
    }

    @Test
    void injectMulti_rootWithoutParent() {
        Headers h = new Headers();
        Propagation.b3Multi().inject(new SpanContext(0x80f198ee56343ba8L, 0x64fe8b2a57d3eff7L, 0xe457b5a2e4d86bd1L, 0, 0, ""),
                h, Headers.SETTER);
        assertEquals(TRACE128, h.one("x-b3-traceid"));
        assertEquals(SPAN, h.one("x-b3-spanid"));
        assertNull(h.one("x-b3-parentspanid"));
        assertEquals("0", h.one("x-b3-sampled"));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void injectThenExtract_sameContext(Propagation format, SpanContext c) {
        Headers h = new Headers();
        format.inject(c, h, Headers.SETTER);
        Extracted e = format.extract(h, Headers.GETTER);
        // B3 carries neither tracestate nor the random flag
        assertEquals(new SpanContext(c.traceIdHigh(), c.traceIdLow(), c.spanId(), c.parentId(),
                c.flags() & SpanContext.SAMPLED, ""), e.context());
        assertEquals(c.sampled() ? Extracted.Sampling.SAMPLE : Extracted.Sampling.DROP, e.sampling());
    }

    static Stream<Arguments> roundTrips() {
        SpanContext[] contexts = {
            new SpanContext(0, 1, 2, 0, 0, ""),
            new SpanContext(-1, -1, -1, -1, SpanContext.SAMPLED | SpanContext.RANDOM, "a=1"),
            new SpanContext(0x80f198ee56343ba8L, 0x64fe8b2a57d3eff7L, 0xe457b5a2e4d86bd1L, 0x05e3ac9a4f6e3b90L,
                    SpanContext.SAMPLED, ""),
        };
        return Stream.of(Propagation.b3Single(), Propagation.b3Multi())
                .flatMap(p -> Stream.of(contexts).map(c -> Arguments.of(p, c)));
    }
}
