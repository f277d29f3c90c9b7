package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.Tracer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An unsampled span allocates nothing: measured with the thread's allocated-bytes counter over
 * many spans, not with a clock. The bound leaves room for the counter's own granularity (TLAB
 * refills), not for a byte per span.
 */
class UnsampledAllocationTest {

    private static final int SPANS = 200_000;

    @Test
    void unsampledRootsAndChildren_startTagEnd_allocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Tracer tracer = new Traces().tracer(Sampler.never());
        run(tracer, SPANS); // warm up: the thread's stack and reusable spans are made once
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        run(tracer, SPANS);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 16 * 1024, allocated + " bytes for " + SPANS + " unsampled roots and children");
    }

    private static void run(Tracer tracer, int n) {
        for (int i = 0; i < n; i++) {
            try (Span root = tracer.span("root")) {
                root.tag("i", i);
                try (Span child = tracer.span("child")) {
                    child.tag("k", "v").annotate("a");
                }
            }
        }
    }
}
