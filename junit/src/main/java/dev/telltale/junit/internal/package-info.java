/**
 * The {@code memory} backend behind {@code dev.telltale.junit}: {@link
 * dev.telltale.junit.internal.MemoryBackend}, its sink and the bounded stores the sinks fill. Not
 * exported; the backend is found through {@link java.util.ServiceLoader}.
 *
 * <p>The sink runs on the pipeline's publisher thread, never on an application thread. Nulls are
 * not accepted anywhere in this package unless a method says so.
 */
package dev.telltale.junit.internal;
