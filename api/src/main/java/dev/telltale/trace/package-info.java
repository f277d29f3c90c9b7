/**
 * Tracing: spans, samplers, propagation of trace context over HTTP (W3C Trace Context and B3),
 * trace ids in log records, and reporting finished spans through the pipeline, to JFR and to
 * Zipkin.
 *
 * <p>Start at {@link dev.telltale.trace.Tracing}: {@code Tracing.global().tracer("orders")} gives
 * a {@link dev.telltale.trace.Tracer}, whose {@link dev.telltale.trace.Tracer#span spans} are
 * current on their thread while open ({@code try (Span span = tracer.span("query-db")) {...}}).
 * {@link dev.telltale.trace.Tracing#wrap} carries the current span into executors, {@code
 * CompletableFuture} stages and virtual threads. {@link dev.telltale.trace.Sampler} decides which
 * traces are recorded. {@link dev.telltale.trace.Propagation} reads and writes trace context in
 * W3C Trace Context and B3 headers; {@code dev.telltale.trace.http} applies it to the JDK's HTTP
 * server ({@code TracingFilter}) and client ({@code TracingHttpClient}).
 *
 * <p><b>Nulls.</b> Arguments are never null unless a method says so ({@link
 * dev.telltale.trace.SpanBuilder#parent}, {@link dev.telltale.trace.Span#remote}'s service and
 * address); a null where none is allowed throws {@link NullPointerException} naming the argument.
 *
 * <p><b>Hot path.</b> Starting, tagging and ending a span take no lock and do no I/O; an unsampled
 * span allocates nothing when its trace's root span exists already on the thread.
 */
package dev.telltale.trace;
