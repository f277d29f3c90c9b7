/**
 * Tracing's implementation: {@link dev.telltale.core.internal.trace.CoreTracing} per engine, its
 * tracers, sampled ({@code RecordingSpan}) and unsampled ({@code UnsampledSpan}) spans, and where
 * finished spans go ({@code SpanRecorder}: JFR, the pipeline's {@code span} events, and the
 * {@link dev.telltale.core.internal.trace.SpanSink}s that reporters such as Zipkin's plug in).
 *
 * <p><b>Hot path.</b> Starting, tagging and ending a span take no lock and do no I/O. A sampled
 * span allocates itself, its context and, when tagged, one array for its tags; ending it allocates
 * the finished span (which keeps that array without a copy) and its event only when someone
 * listens (the pipeline with {@code telltale.trace.events}, or a sink), and a JFR event only while
 * a recording enables {@code dev.telltale.Span} ({@code SampledAllocationTest} bounds the bytes).
 * Two clock reads per span: {@code nanoTime} at the start and at the end. An unsampled span
 * allocates nothing once its thread has made one before ({@code UnsampledAllocationTest} checks
 * it; {@code SpanBenchmark} measures the time).
 *
 * <p>The current span of each thread is kept in {@code api}'s {@link
 * dev.telltale.internal.CurrentSpans}, shared by every engine.
 */
package dev.telltale.core.internal.trace;
