/**
 * Contexts: objects that broadcast their own life. {@link dev.telltale.context.Context} is born
 * with its fields, publishes every change, and finishes with the time it lived; {@link
 * dev.telltale.context.ContextLogger} publishes log lines that belong to one context. {@code
 * Telltale.context(...)} in {@code dev.telltale} starts one on the global pipeline.
 *
 * <p><b>The hot path.</b> {@code set} and {@code update} take the context's own private lock,
 * publish without blocking, without I/O and without throwing, and allocate the message and its
 * small field map; encoding happens on Telltale's publisher thread. The messages are described in
 * {@code docs/EVENTS.md}.
 *
 * <p>Nulls are rejected with {@link java.lang.NullPointerException} where a method documents it
 * (builders), and tolerated on the publishing path (a null key becomes {@code "null"}).
 */
package dev.telltale.context;
