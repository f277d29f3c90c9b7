package dev.telltale.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.internal.NoopSpan;
import dev.telltale.internal.NoopTracing;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Where tracing is off (no core): spans are no-ops that still check their arguments. */
class NoopTracingTest {

    private final Tracer tracer = NoopTracing.INSTANCE.tracer("svc", null);

    @Test
    void spans_areTheNoopSpan_neverCurrent_withNoContext() {
        try (Span span = tracer.span("x")) {
            assertSame(NoopSpan.INSTANCE, span);
            assertFalse(span.isRecording());
            assertNull(span.context());
            assertNull(Tracing.currentContext());
            span.tag("k", "v").tag("n", 1).tag("d", 1.5).tag("b", true).annotate("a").error(new RuntimeException())
                    .remote(null, null, 0);
            span.makeCurrent().close();
            span.end();
        }
        assertSame(NoopSpan.INSTANCE, tracer.spanBuilder("y").kind(SpanKind.SERVER).parent(null).remote("s", "ip", 1).start());
        assertSame(NoopSpan.INSTANCE, tracer.spanBuilder("y").startDetached());
        assertEquals("svc", tracer.serviceName());
        assertEquals("unknown", NoopTracing.INSTANCE.tracer(null, null).serviceName());
    }

    @Test
    void arguments_areCheckedAsWithTheCore() {
        assertThrows(NullPointerException.class, () -> tracer.span(null));
        assertThrows(NullPointerException.class, () -> tracer.span("x", null));
        assertThrows(NullPointerException.class, () -> tracer.spanBuilder(null));
        assertThrows(NullPointerException.class, () -> NoopSpan.INSTANCE.tag(null, "v"));
        assertThrows(IllegalArgumentException.class, () -> NoopSpan.INSTANCE.remote("s", null, -1));
        assertThrows(IllegalArgumentException.class, () -> NoopTracing.INSTANCE.tracer(" ", null));
    }

    @Test
    void wrappers_withNoCurrentSpan_returnTheTaskItself_executorsAreWrappedOnce() {
        Runnable r = () -> { };
        Callable<String> c = () -> "x";
        assertSame(r, Tracing.wrap(r));
        assertSame(c, Tracing.wrap(c));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ExecutorService wrapped = Tracing.wrap(pool);
            assertSame(wrapped, Tracing.wrap(wrapped));
            Executor plain = Tracing.wrap((Executor) Runnable::run);
            assertSame(plain, Tracing.wrap(plain));
        } finally {
            pool.shutdownNow();
        }
        assertThrows(NullPointerException.class, () -> Tracing.wrap((Runnable) null));
        assertThrows(NullPointerException.class, () -> Tracing.wrap((ExecutorService) null));
    }
}
