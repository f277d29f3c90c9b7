package dev.telltale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.trace.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CurrentSpansTest {

    private final CurrentSpans stack = CurrentSpans.get();

    /** A span that only knows whether it ended. */
    private static final class Fake implements ScopedSpan {
        boolean ended;

        @Override public boolean ended() { return ended; }
        @Override public Span carried() { return this; }
        @Override public Span tag(String key, String value) { return this; }
        @Override public Span tag(String key, long value) { return this; }
        @Override public Span tag(String key, double value) { return this; }
        @Override public Span tag(String key, boolean value) { return this; }
        @Override public Span annotate(String value) { return this; }
        @Override public Span error(Throwable error) { return this; }
        @Override public Span remote(String service, String ip, int port) { return this; }
        @Override public dev.telltale.trace.SpanContext context() { return null; }
        @Override public boolean isRecording() { return true; }
        @Override public dev.telltale.trace.Scope makeCurrent() { return () -> { }; }
        @Override public void end() { ended = true; }
        @Override public void close() { ended = true; }
    }

    @AfterEach
    void empty() {
        for (Span top = stack.top(); top != null; top = stack.top()) { // ends: each turn removes one place
            stack.remove(top);
        }
    }

    @Test
    void pushAndRemoveInOrder_topFollows() {
        Fake a = new Fake();
        Fake b = new Fake();
        assertNull(stack.top());
        assertSame(NoopSpan.INSTANCE, CurrentSpans.current());
        stack.pushOwn(a);
        stack.pushOwn(b);
        assertSame(b, stack.top());
        assertTrue(stack.remove(b));
        assertSame(a, stack.top());
        assertTrue(stack.remove(a));
        assertNull(stack.top());
        assertFalse(stack.remove(a), "not there twice");
    }

    @Test
    void removeOutOfOrder_takesTheTopmostPlace_leavesTheRest() {
        Fake a = new Fake();
        Fake b = new Fake();
        stack.push(a);
        stack.pushOwn(b);
        stack.push(a);
        assertTrue(stack.remove(b));
        assertEquals(2, stack.depth());
        assertSame(a, stack.top());
        assertTrue(stack.remove(a));
        assertTrue(stack.remove(a));
        assertEquals(0, stack.depth());
    }

    @Test
    void endedSpansOwnPlace_isDropped_butACarriedPlaceStays() {
        Fake root = new Fake();
        Fake carried = new Fake();
        Fake own = new Fake();
        stack.pushOwn(root);
        stack.push(carried);
        stack.pushOwn(own);
        own.ended = true;
        carried.ended = true;
        assertSame(carried, stack.top(), "an ended span's own place goes; a carried one stays");
        assertEquals(2, stack.depth());
        assertTrue(stack.remove(carried));
        root.ended = true;
        assertNull(stack.top());
        assertEquals(0, stack.depth());
    }

    @Test
    void deepStacks_grow() {
        Fake[] spans = new Fake[100];
        for (int i = 0; i < spans.length; i++) {
            spans[i] = new Fake();
            stack.pushOwn(spans[i]);
        }
        assertSame(spans[99], stack.top());
        assertTrue(stack.remove(spans[50]));
        for (int i = spans.length - 1; i >= 0; i--) {
            assertEquals(i != 50, stack.remove(spans[i]));
        }
        assertEquals(0, stack.depth());
    }

    @Test
    void capture_givesTheCarriedForm_orNullWithNoSpan() {
        assertNull(CurrentSpans.capture());
        Fake a = new Fake();
        stack.pushOwn(a);
        assertSame(a, CurrentSpans.capture());
        stack.remove(a);
    }
}
