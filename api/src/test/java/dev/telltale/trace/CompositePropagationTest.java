package dev.telltale.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositePropagationTest {

    private static final Propagation BOTH = Propagation.composite(Propagation.w3c(), Propagation.b3Multi());
    private static final String W3C = "00-12345678901234567890123456789012-1234567890123456-01";

    @Test
    void inject_writesEveryFormat() {
        Headers h = new Headers();
        BOTH.inject(new SpanContext(1, 2, 3, 0, SpanContext.SAMPLED, ""), h, Headers.SETTER);
        assertEquals("00-00000000000000010000000000000002-0000000000000003-01", h.one("traceparent"));
        assertEquals("0000000000000003", h.one("x-b3-spanid"));
        assertEquals(List.of("traceparent", "tracestate", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled"),
                BOTH.fields());
    }

    @Test
    void extract_firstFormatFoundWins() {
        Extracted e = BOTH.extract(Headers.of("traceparent", W3C, "x-b3-traceid", "aaaaaaaaaaaaaaaa",
                "x-b3-spanid", "bbbbbbbbbbbbbbbb"), Headers.GETTER);
        assertEquals("12345678901234567890123456789012", e.context().traceIdHex());
    }

    @Test
    void extract_invalidFirst_laterFormatUsed() {
        Extracted e = BOTH.extract(Headers.of("traceparent", "ff" + W3C.substring(2), "x-b3-traceid", "aaaaaaaaaaaaaaaa",
                "x-b3-spanid", "bbbbbbbbbbbbbbbb"), Headers.GETTER);
        assertTrue(e.found());
        assertEquals("bbbbbbbbbbbbbbbb", e.context().spanIdHex());
        assertNull(e.problem());
    }

    @Test
    void extract_decisionOnly_kept() {
        Extracted e = BOTH.extract(Headers.of("x-b3-sampled", "0"), Headers.GETTER);
        assertFalse(e.found());
        assertEquals(Extracted.Sampling.DROP, e.sampling());
    }

    @Test
    void extract_allInvalid_firstProblem() {
        Extracted e = BOTH.extract(Headers.of("traceparent", "ff" + W3C.substring(2), "x-b3-traceid", "zz",
                "x-b3-spanid", "bbbbbbbbbbbbbbbb"), Headers.GETTER);
        assertFalse(e.found());
        assertTrue(e.problem().contains("version ff"), e.problem());
    }

    @Test
    void extract_nothing_nothing() {
        assertEquals(Extracted.nothing(), BOTH.extract(new Headers(), Headers.GETTER));
    }

    @Test
    void composite_empty_rejected() {
        assertThrows(IllegalArgumentException.class, Propagation::composite);
    }

    @Test
    void composite_nullFormat_namedInTheError() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Propagation.composite(Propagation.w3c(), null));
        assertEquals("formats[1] == null", e.getMessage());
    }

    @Test
    void mapGetter_ignoresCase() {
        Map<String, List<String>> map = Map.of("TraceParent", List.of(W3C));
        assertTrue(Propagation.w3c().extract(map, Propagation.mapGetter()).found());
    }
}
