package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.internal.CurrentSpans;
import dev.telltale.trace.Scope;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.Tracer;
import dev.telltale.trace.Tracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SpanScopeTest {

    private final Traces traces = new Traces();
    private final Tracer tracer = traces.tracer();

    @AfterEach
    void nothingLeftCurrent() {
        assertNull(Tracing.currentContext(), "a test left a span current");
        assertEquals(0, CurrentSpans.get().depth());
    }

    @Test
    void span_isCurrentWhileOpen_closingRestoresThePrevious() {
        assertNull(Tracing.currentContext());
        try (Span outer = tracer.span("outer")) {
            assertSame(outer, Tracing.currentSpan());
            try (Span inner = tracer.span("inner")) {
                assertSame(inner, Tracing.currentSpan());
            }
            assertSame(outer, Tracing.currentSpan());
        }
        assertFalse(Tracing.currentSpan().isRecording());
    }

    @Test
    void nestedSpans_shareTheTrace_childPointsAtParent_rootIsRandomAndSampled() {
        SpanContext outerContext;
        SpanContext innerContext;
        try (Span outer = tracer.span("outer")) {
            outerContext = outer.context();
            try (Span inner = tracer.span("inner")) {
                innerContext = inner.context();
            }
        }
        assertEquals(0, outerContext.parentId());
        assertEquals(SpanContext.SAMPLED | SpanContext.RANDOM, outerContext.flags());
        assertEquals(outerContext.traceIdHex(), innerContext.traceIdHex());
        assertEquals(outerContext.spanId(), innerContext.parentId());
        assertNotEquals(outerContext.spanId(), innerContext.spanId());
        assertEquals(outerContext.flags(), innerContext.flags());
        assertEquals(innerContext, traces.named("inner").context());
        assertEquals("test-service", traces.named("outer").localService());
    }

    @Test
    void closedOutOfOrder_innermostStillOpenStaysCurrent_thenThePreviousComesBack() {
        Span a = tracer.span("a");
        Span b = tracer.span("b");
        Span c = tracer.span("c");
        b.close(); // out of order: ends b, c stays current
        assertSame(c, Tracing.currentSpan());
        assertEquals(1, traces.finished.size());
        c.close(); // c's parent b has ended: a is current again
        assertSame(a, Tracing.currentSpan());
        try (Span d = tracer.span("d")) {
            assertEquals(a.context().spanId(), d.context().parentId(), "a new span is a child of a, not of ended b");
        }
        a.close();
        assertEquals(4, traces.finished.size());
    }

    @Test
    void spanEndedOnAnotherThread_isNoLongerCurrentHere() throws Exception {
        Span outer = tracer.span("outer");
        Span span = tracer.span("handed-off");
        Thread other = new Thread(span::end);
        other.start();
        other.join(10_000);
        assertFalse(other.isAlive());
        assertSame(outer, Tracing.currentSpan(), "an ended span is never current");
        span.close(); // closing here too: ends nothing more, removes nothing twice
        assertSame(outer, Tracing.currentSpan());
        outer.close();
        assertEquals(2, traces.finished.size());
    }

    @Test
    void detachedSpan_isNotCurrent_untilMadeCurrentByAScope() {
        Span detached = tracer.spanBuilder("async-call").startDetached();
        assertNull(Tracing.currentContext());
        try (Scope scope = detached.makeCurrent()) {
            assertSame(detached, Tracing.currentSpan());
        }
        assertNull(Tracing.currentContext());
        assertTrue(traces.finished.isEmpty(), "a scope does not end its span");
        detached.end();
        assertEquals("async-call", traces.only().name());
    }

    @Test
    void scopeClosedTwiceOrOnAnotherThread_doesNothing() throws Exception {
        Span detached = tracer.spanBuilder("x").startDetached();
        Scope scope = detached.makeCurrent();
        Thread other = new Thread(scope::close);
        other.start();
        other.join(10_000);
        assertSame(detached, Tracing.currentSpan(), "closed on another thread: still current here");
        scope.close();
        scope.close();
        assertNull(Tracing.currentContext());
        detached.end();
    }

    @Test
    void explicitNullParent_startsANewTrace_evenInsideASpan() {
        try (Span outer = tracer.span("outer");
                Span fresh = tracer.spanBuilder("fresh").parent(null).start()) {
            assertNotEquals(outer.context().traceIdHex(), fresh.context().traceIdHex());
            assertEquals(0, fresh.context().parentId());
        }
    }

    @Test
    void remoteParent_isContinued_withItsTraceStateAndFlags() {
        SpanContext remote = new SpanContext(0x1234, 0x5678, 0x9abc, 0, SpanContext.SAMPLED, "vendor=x");
        try (Span server = tracer.spanBuilder("GET /orders").kind(dev.telltale.trace.SpanKind.SERVER).parent(remote).start()) {
            SpanContext c = server.context();
            assertEquals(0x1234, c.traceIdHigh());
            assertEquals(0x5678, c.traceIdLow());
            assertEquals(0x9abc, c.parentId());
            assertEquals("vendor=x", c.traceState());
            assertEquals(SpanContext.SAMPLED, c.flags(), "no random flag claimed for an id made elsewhere");
            try (Span child = tracer.span("query")) {
                assertEquals("vendor=x", child.context().traceState());
            }
        }
        assertEquals(dev.telltale.trace.SpanKind.SERVER, traces.named("GET /orders").kind());
    }

    @Test
    void remoteUnsampledParent_parentBased_recordsNothing_butPropagatesTheTrace() {
        SpanContext remote = new SpanContext(0, 0x77, 0x99, 0, 0, "");
        try (Span server = tracer.spanBuilder("GET /x").parent(remote).start()) {
            assertFalse(server.isRecording());
            assertEquals(0x77, server.context().traceIdLow());
            assertEquals(0x99, server.context().parentId());
            assertFalse(server.context().sampled());
            try (Span child = tracer.span("inner")) {
                assertFalse(child.isRecording());
                assertEquals(0x77, child.context().traceIdLow());
            }
        }
        assertTrue(traces.finished.isEmpty());
    }

    @Test
    void remoteSampledParent_withAnIgnoringSampler_followsTheSampler() {
        Tracer never = traces.tracer(dev.telltale.trace.Sampler.never());
        SpanContext remote = new SpanContext(0, 0x77, 0x99, 0, SpanContext.SAMPLED, "");
        try (Span server = never.spanBuilder("GET /x").parent(remote).start()) {
            assertFalse(server.isRecording());
            assertFalse(server.context().sampled(), "the sampled flag is cleared for what this process does not record");
        }
    }

    @Test
    void unsampledTrace_childrenShareItsIds_nothingRecorded_stackRestored() {
        Tracer never = traces.tracer(dev.telltale.trace.Sampler.never());
        try (Span root = never.span("root")) {
            SpanContext rc = root.context();
            assertEquals(SpanContext.RANDOM, rc.flags());
            try (Span child = never.span("child"); Span grandchild = never.span("grandchild")) {
                assertEquals(rc.traceIdHex(), child.context().traceIdHex());
                assertEquals(rc.traceIdHex(), Tracing.currentContext().traceIdHex());
                assertFalse(grandchild.isRecording());
            }
            assertEquals(rc, Tracing.currentContext());
        }
        assertTrue(traces.finished.isEmpty());
    }

    @Test
    void unsampledRootsInARow_eachGetsItsOwnTrace_thoughTheObjectIsReused() {
        Tracer never = traces.tracer(dev.telltale.trace.Sampler.never());
        SpanContext first;
        try (Span a = never.span("a")) {
            first = a.context();
        }
        try (Span b = never.span("b")) {
            assertNotEquals(first.traceIdHex(), b.context().traceIdHex());
        }
    }

    @Test
    void unsampledSlotStillInUse_afterAnOutOfOrderClose_aNewSpanIsMade() {
        Tracer never = traces.tracer(dev.telltale.trace.Sampler.never());
        Span sampledOuter = tracer.span("outer");
        Span fresh = never.spanBuilder("u1").parent(null).start(); // depth 1
        sampledOuter.close(); // out of order: u1 now sits at depth 0
        Span u2;
        String u2Trace;
        try (Span second = never.spanBuilder("u2").parent(null).start()) { // depth 1 again, slot held by u1
            u2 = second;
            u2Trace = second.context().traceIdHex();
            assertNotEquals(fresh.context().traceIdHex(), u2Trace);
            assertNotSame(fresh, second);
        }
        assertSame(fresh, Tracing.currentSpan());
        fresh.close();
        try (Span outerAgain = tracer.span("outer again");
                Span u3 = never.spanBuilder("u3").parent(null).start()) { // depth 1, its slot free again
            assertSame(fresh, u3, "the slot's own span is reused once it is free");
            assertEquals(u2Trace, u2.context().traceIdHex(), "the span made for u2 stays out of the slots: never reused");
        }
    }

    @Test
    void carriedUnsampledSpan_isACopyThatKeepsItsIds() {
        Tracer never = traces.tracer(dev.telltale.trace.Sampler.never());
        try (Span root = never.span("root")) {
            Span carried = CurrentSpans.capture();
            assertNotSame(root, carried, "a reused span is copied before it leaves its thread");
            assertEquals(root.context(), carried.context());
        }
    }

    @Test
    void closingTheSameSpanTwice_recordsOnce() {
        Span s = tracer.span("once");
        s.close();
        s.close();
        s.end();
        assertEquals(1, traces.finished.size());
    }

    @Test
    void detachedChildOfAnUnsampledSpan_closing_leavesTheParentCurrent() {
        Tracer never = traces.tracer(dev.telltale.trace.Sampler.never());
        try (Span root = never.span("root")) {
            Span detached = never.spanBuilder("async").startDetached();
            assertEquals(root.context().traceIdHex(), detached.context().traceIdHex());
            detached.close();
            assertSame(root, Tracing.currentSpan());
        }
    }
}
