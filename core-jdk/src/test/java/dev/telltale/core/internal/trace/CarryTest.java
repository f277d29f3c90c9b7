package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.Tracer;
import dev.telltale.trace.Tracing;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CarryTest {

    private final Traces traces = new Traces();
    private final Tracer tracer = traces.tracer();
    private final ExecutorService raw = Executors.newFixedThreadPool(2);
    private final ExecutorService pool = Tracing.wrap(raw);

    @AfterEach
    void stop() throws InterruptedException {
        raw.shutdownNow();
        assertTrue(raw.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static String traceOf(SpanContext c) {
        return c == null ? null : c.traceIdHex();
    }

    @Test
    void wrappedExecutorService_tasksRunUnderTheSubmittersSpan_andChildrenParentOnIt() throws Exception {
        Future<SpanContext> seen;
        Future<SpanContext> child;
        SpanContext parent;
        try (Span span = tracer.span("request")) {
            parent = span.context();
            seen = pool.submit((Callable<SpanContext>) Tracing::currentContext);
            child = pool.submit(() -> {
                try (Span c = tracer.span("work")) {
                    return c.context();
                }
            });
        }
        assertEquals(parent, seen.get(10, TimeUnit.SECONDS));
        assertEquals(parent.spanId(), child.get(10, TimeUnit.SECONDS).parentId());
        assertEquals(parent.traceIdHex(), child.get().traceIdHex());
    }

    @Test
    void afterTheTask_theWorkerHasNoCurrentSpan() throws Exception {
        try (Span span = tracer.span("request")) {
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
        }
        // both workers: nothing left behind
        for (int i = 0; i < 4; i++) {
            assertNull(pool.submit((Callable<SpanContext>) Tracing::currentContext).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void taskSubmittedWithNoSpan_runsWithNone_evenOnAThreadThatHadOne() throws Exception {
        assertNull(pool.submit((Callable<SpanContext>) Tracing::currentContext).get(10, TimeUnit.SECONDS));
    }

    @Test
    void invokeAll_andExecute_carryTheSpanToo() throws Exception {
        AtomicReference<SpanContext> viaExecute = new AtomicReference<>();
        List<Future<SpanContext>> all;
        SpanContext parent;
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try (Span span = tracer.span("batch")) {
            parent = span.context();
            all = pool.invokeAll(List.of(Tracing::currentContext, Tracing::currentContext));
            pool.execute(() -> {
                viaExecute.set(Tracing.currentContext());
                done.countDown();
            });
        }
        for (Future<SpanContext> f : all) {
            assertEquals(parent, f.get());
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(parent, viaExecute.get());
    }

    @Test
    void completableFutureStages_throughAWrappedExecutor_keepTheSpan() throws Exception {
        SpanContext parent;
        CompletableFuture<String> chain;
        try (Span span = tracer.span("checkout")) {
            parent = span.context();
            chain = CompletableFuture.supplyAsync(() -> traceOf(Tracing.currentContext()), pool)
                    .thenApplyAsync(t -> t + "," + traceOf(Tracing.currentContext()), pool)
                    .thenComposeAsync(t -> CompletableFuture.supplyAsync(() -> t + "," + traceOf(Tracing.currentContext()), pool), pool);
        }
        String trace = parent.traceIdHex();
        assertEquals(trace + "," + trace + "," + trace, chain.get(10, TimeUnit.SECONDS));
    }

    @Test
    void wrappedRunnableAndCallable_onAPlainThread_carryTheSpan() throws Exception {
        AtomicReference<SpanContext> seen = new AtomicReference<>();
        Runnable task;
        Callable<SpanContext> call;
        SpanContext parent;
        try (Span span = tracer.span("spawn")) {
            parent = span.context();
            task = Tracing.wrap(() -> seen.set(Tracing.currentContext()));
            call = Tracing.wrap((Callable<SpanContext>) Tracing::currentContext);
        }
        Thread t = new Thread(task);
        t.start();
        t.join(10_000);
        assertEquals(parent, seen.get());
        assertEquals(parent, call.call());
        assertNull(Tracing.currentContext(), "the callable ran here and restored nothing-current");
    }

    @Test
    void wrapWithNoSpan_returnsTheTaskItself_andWrappingTwiceDoesNotStack() {
        Runnable r = () -> { };
        assertSame(r, Tracing.wrap(r));
        assertSame(pool, Tracing.wrap(pool));
        assertSame(pool, Tracing.wrap((java.util.concurrent.Executor) pool), "a carrying service is a carrying executor too");
    }

    @Test
    void unsampledTrace_isCarriedToo_soCallsThereStillPropagateIt() throws Exception {
        Tracer never = traces.tracer(Sampler.never());
        SpanContext root;
        Future<SpanContext> there;
        try (Span span = never.span("unsampled")) {
            root = span.context();
            there = pool.submit(() -> {
                try (Span child = never.span("child")) {
                    return child.context();
                }
            });
        }
        SpanContext c = there.get(10, TimeUnit.SECONDS);
        assertEquals(root.traceIdHex(), c.traceIdHex());
        assertEquals(false, c.sampled());
        assertTrue(traces.finished.isEmpty());
    }

    @Test
    void virtualThreads_wrappedTasksRunUnderTheSpan() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        ExecutorService virtual = Tracing.wrap(
                (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null));
        try {
            SpanContext parent;
            Future<SpanContext> child;
            Future<Boolean> isVirtual;
            try (Span span = tracer.span("fan-out")) {
                parent = span.context();
                isVirtual = virtual.submit(() -> (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
                child = virtual.submit(() -> {
                    try (Span c = tracer.span("on-virtual")) {
                        return c.context();
                    }
                });
            }
            assertTrue(isVirtual.get(10, TimeUnit.SECONDS));
            assertEquals(parent.spanId(), child.get(10, TimeUnit.SECONDS).parentId());
        } finally {
            virtual.shutdownNow();
            assertTrue(virtual.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
