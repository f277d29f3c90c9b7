package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.internal.NoopEngine;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.Tracer;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A sampled span handed to a sink allocates the span, its context, its tag array and the finished
 * span with its tag view, and nothing more: no map copy of the tags, no second context. Measured
 * with the thread's allocated-bytes counter over many spans (not a clock); the bound is well above
 * what those objects take with or without compressed headers, and well below the map copy's cost.
 */
class SampledAllocationTest {

    private static final int SPANS = 200_000;
    /** Bytes per span allowed: the objects named above take about 250 with 12-byte headers. */
    private static final long BOUND = 400;

    private volatile FinishedSpan last;

    @Test
    void sampledRoot_startTagEnd_toASink_allocatesNoCopies() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        SpanSink sink = span -> last = span;
        TraceSettings settings = new TraceSettings("test-service", Sampler.always(), false);
        try (CoreTracing tracing = new CoreTracing(NoopEngine.INSTANCE, settings, new SpanSinks(List.of(sink)), () -> false)) {
            Tracer tracer = tracing.tracer("test-service", Sampler.always());
            run(tracer, SPANS); // warm up: the thread's stack is made once
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            run(tracer, SPANS);
            long perSpan = (threads.getThreadAllocatedBytes(id) - before) / SPANS;
            assertTrue(perSpan < BOUND, perSpan + " bytes per sampled span");
            assertEquals(Map.of("k", "v"), last.tags());
        }
    }

    private static void run(Tracer tracer, int n) {
        for (int i = 0; i < n; i++) {
            try (Span span = tracer.span("op")) {
                span.tag("k", "v");
            }
        }
    }
}
