/**
 * Tracing: spans, samplers, propagation of trace context over HTTP (W3C Trace Context and B3),
 * trace ids in log records, and reporting finished spans through the pipeline, to JFR and to
 * Zipkin.
 */
package dev.telltale.trace;
