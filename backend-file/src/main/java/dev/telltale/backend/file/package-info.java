/**
 * The file backend: {@link dev.telltale.backend.file.FileBackend} and the package-private sink and
 * source behind it. Only {@code FileBackend} is public; everything else is reached through the
 * {@link dev.telltale.spi} interfaces.
 *
 * <p>The sink runs on the pipeline's publisher thread, never on an application thread, and
 * allocates nothing per event. The source is the monitor's and may block its caller, boundedly.
 * Nulls are not accepted anywhere in this package unless a method says so.
 */
package dev.telltale.backend.file;
