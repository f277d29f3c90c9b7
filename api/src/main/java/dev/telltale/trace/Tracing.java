package dev.telltale.trace;

import dev.telltale.Telltale;
import dev.telltale.internal.CurrentSpans;
import dev.telltale.internal.Engines;
import dev.telltale.internal.TraceEngine;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Tracing for one pipeline: {@link Tracer}s whose finished spans go through it (as {@code span}
 * events, see {@code docs/EVENTS.md}), to JFR as {@code dev.telltale.Span} and to the configured
 * reporters (Zipkin). The current span, and the wrappers that carry it to other threads, are the
 * same for every pipeline, so they are static.
 *
 * <pre>{@code
 * Tracer tracer = Tracing.global().tracer("orders");
 * ExecutorService pool = Tracing.wrap(Executors.newFixedThreadPool(4));
 * try (Span span = tracer.span("checkout")) {
 *     pool.submit(() -> {                          // runs with "checkout" current
 *         try (Span child = tracer.span("reserve-stock")) { ... }
 *     });
 *     CompletableFuture.supplyAsync(this::price, pool).thenApplyAsync(this::tax, pool);
 * }
 * }</pre>
 *
 * <p><b>Promises.</b> Thread-safe. Nothing blocks, and nothing throws but for documented argument
 * checks. Without {@code telltale-core}, or with {@code telltale.enabled=false}, every span is a
 * no-op and the wrappers return what they are given.
 */
public final class Tracing {

    private final TraceEngine engine;

    private Tracing(TraceEngine engine) {
        this.engine = engine;
    }

    /** Tracing through {@code telltale}. */
    public static Tracing of(Telltale telltale) {
        return new Tracing(Engines.of(Objects.requireNonNull(telltale, "telltale == null")).tracing());
    }

    /** Tracing through the global pipeline. */
    public static Tracing global() {
        return of(Telltale.global());
    }

    /** A tracer for the service named by {@code telltale.trace.service}, with the configured sampler. */
    public Tracer tracer() {
        return engine.tracer(null, null);
    }

    /**
     * A tracer for {@code service}, with the sampler {@code telltale.trace.sampler} configures.
     *
     * @throws NullPointerException if {@code service} is null
     * @throws IllegalArgumentException if {@code service} is blank
     */
    public Tracer tracer(String service) {
        return engine.tracer(Objects.requireNonNull(service, "service == null"), null);
    }

    /**
     * A tracer for {@code service} that decides new traces with {@code sampler}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code service} is blank
     */
    public Tracer tracer(String service, Sampler sampler) {
        return engine.tracer(Objects.requireNonNull(service, "service == null"),
                Objects.requireNonNull(sampler, "sampler == null"));
    }

    /**
     * The calling thread's current span; never null: a no-op span with a null {@link
     * Span#context()} when none is current.
     */
    public static Span currentSpan() {
        return CurrentSpans.current();
    }

    /** The calling thread's current span's ids, or null if no span is current. */
    public static SpanContext currentContext() {
        return CurrentSpans.current().context();
    }

    /**
     * {@code task}, running with the span current now (on the calling thread) as its current
     * span, wherever it runs; {@code task} itself if no span is current.
     *
     * @throws NullPointerException if {@code task} is null
     */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task == null");
        Span span = CurrentSpans.capture();
        return span == null ? task : new CarriedRunnable(span, task);
    }

    /** {@code task} with the current span carried; as {@link #wrap(Runnable)}. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task == null");
        Span span = CurrentSpans.capture();
        return span == null ? task : new CarriedCallable<>(span, task);
    }

    /**
     * {@code executor}, whose tasks run with the span that was current where they were submitted.
     * Pass it to {@code CompletableFuture}'s {@code *Async} methods to carry the span through
     * stages.
     *
     * @throws NullPointerException if {@code executor} is null
     */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor == null");
        return executor instanceof CarryingExecutor || executor instanceof CarryingExecutorService ? executor
                : new CarryingExecutor(executor);
    }

    /** {@code executor}, carrying the current span into its tasks; as {@link #wrap(Executor)}. */
    public static ExecutorService wrap(ExecutorService executor) {
        Objects.requireNonNull(executor, "executor == null");
        return executor instanceof CarryingExecutorService ? executor : new CarryingExecutorService(executor);
    }
}
