package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanKind;
import dev.telltale.trace.Tracer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanDataTest {

    private final Traces traces = new Traces();
    private final Tracer tracer = traces.tracer();

    @Test
    void tags_keepFirstSetOrder_laterValueReplaces_numbersAndBooleansAsText() {
        try (Span span = tracer.span("tagged")) {
            span.tag("rows", 3).tag("db", "orders").tag("ratio", 0.5).tag("cached", false).tag("rows", 42);
            for (int i = 0; i < 20; i++) { // past the first array's room
                span.tag("k" + i, i);
            }
        }
        Map<String, String> tags = traces.only().tags();
        assertEquals(List.of("rows", "db", "ratio", "cached"), List.copyOf(tags.keySet()).subList(0, 4));
        assertEquals("42", tags.get("rows"));
        assertEquals("0.5", tags.get("ratio"));
        assertEquals("false", tags.get("cached"));
        assertEquals("19", tags.get("k19"));
        assertEquals(24, tags.size());
    }

    @Test
    void error_isRecordedAsClassAndMessage_lastOneWins() {
        try (Span span = tracer.span("failing")) {
            span.error(new IllegalArgumentException("first"));
            span.error(new IllegalStateException("card declined"));
        }
        assertEquals("java.lang.IllegalStateException: card declined", traces.only().error());
    }

    @Test
    void errorWithoutMessage_isTheClassName() {
        try (Span span = tracer.span("failing")) {
            span.error(new NullPointerException());
        }
        assertEquals("java.lang.NullPointerException", traces.only().error());
    }

    @Test
    void annotationsAndRemote_areKept_kindToo() {
        long before = System.currentTimeMillis() * 1000;
        try (Span span = tracer.span("call", SpanKind.CLIENT)) {
            span.annotate("cache miss").annotate("retry");
            span.remote("inventory", "127.0.0.1", 8080);
        }
        FinishedSpan f = traces.only();
        assertEquals(List.of("cache miss", "retry"), f.annotations().stream().map(FinishedSpan.Annotation::value).toList());
        assertTrue(f.annotations().get(0).epochMicros() >= before - 1_000_000, "annotation time is epoch micros");
        assertEquals(new FinishedSpan.Endpoint("inventory", "127.0.0.1", 8080), f.remote());
        assertEquals(SpanKind.CLIENT, f.kind());
        assertTrue(Math.abs(f.startEpochMicros() - before) < 60_000_000L, "start is epoch micros: " + f.startEpochMicros());
        assertTrue(f.durationNanos() >= 0);
    }

    @Test
    void builderRemote_andKind_areApplied() {
        tracer.spanBuilder("GET /x").kind(SpanKind.SERVER).remote("client", "::1", 0).start().close();
        assertEquals(new FinishedSpan.Endpoint("client", "::1", 0), traces.only().remote());
    }

    @Test
    void afterTheEnd_recordingMethodsAreIgnored() {
        Span span = tracer.span("done");
        span.close();
        span.tag("late", "x").annotate("late").error(new RuntimeException()).remote("late", null, 1);
        FinishedSpan f = traces.only();
        assertTrue(f.tags().isEmpty());
        assertTrue(f.annotations().isEmpty());
        assertNull(f.error());
        assertNull(f.remote());
    }

    @Test
    void duration_isMeasuredFromStartToEnd() throws InterruptedException {
        Span span = tracer.span("timed");
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 2_000_000) {
            Thread.onSpinWait(); // two milliseconds, bounded
        }
        span.close();
        assertTrue(traces.only().durationNanos() >= 2_000_000, "duration " + traces.only().durationNanos());
    }

    @Test
    void badArguments_failFast_withTheirName() {
        try (Span span = tracer.span("checked")) {
            assertEquals("key == null", assertThrows(NullPointerException.class, () -> span.tag(null, "v")).getMessage());
            assertEquals("value == null", assertThrows(NullPointerException.class, () -> span.tag("k", (String) null)).getMessage());
            assertThrows(NullPointerException.class, () -> span.annotate(null));
            assertThrows(NullPointerException.class, () -> span.error(null));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> span.remote("s", null, 70000)).getMessage()
                    .contains("70000"));
        }
        assertThrows(NullPointerException.class, () -> tracer.span(null));
        assertThrows(NullPointerException.class, () -> tracer.span("x", null));
        assertThrows(IllegalArgumentException.class, () -> traces.tracing.tracer(" ", null));
    }
}
