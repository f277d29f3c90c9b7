/**
 * The backend SPI: implement {@link dev.telltale.spi.Backend} to send Telltale's events somewhere
 * new and to read them back for the monitor.
 *
 * <p>A backend sees envelopes (routing key, key, headers, JSON payload), never events. Its {@link
 * dev.telltale.spi.Sink} runs on the pipeline's single publisher thread; the application's
 * threads never call into a backend. Nulls are not accepted anywhere in this package unless a
 * method says so.
 */
package dev.telltale.spi;
