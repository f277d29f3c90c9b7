/**
 * Tracing over the JDK's own HTTP stack: {@link dev.telltale.trace.http.TracingFilter} for a
 * {@code com.sun.net.httpserver.HttpServer} (a server span per request, the caller's context
 * extracted, the trace id returned in the response) and {@link
 * dev.telltale.trace.http.TracingHttpClient} around a {@code java.net.http.HttpClient} (a client
 * span per request, the context injected).
 *
 * <p>The API module only {@code requires static} {@code jdk.httpserver} and {@code java.net.http}:
 * an application that uses these classes has those modules already (it uses the server or the
 * client); one that does not never loads them.
 *
 * <p><b>Nulls.</b> Arguments are never null unless a method says so; a null throws {@link
 * NullPointerException} naming it. Nothing here throws into a request for tracing's sake: what a
 * handler or the wrapped client throws is recorded on the span and rethrown unchanged.
 */
package dev.telltale.trace.http;
