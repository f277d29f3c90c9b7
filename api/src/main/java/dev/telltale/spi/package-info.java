/**
 * The backend SPI: implement {@link dev.telltale.spi.Backend} to send Telltale's events somewhere
 * new and to read them back for the monitor.
 *
 * <p>A backend sees envelopes (routing key, key, headers, JSON payload), never events. Its {@link
 * dev.telltale.spi.Sink} runs on the pipeline's single publisher thread; the application's
 * threads never call into a backend. Nulls are not accepted anywhere in this package unless a
 * method says so.
 *
 * <p>Configuration keys and subscription options are declared as {@link
 * dev.telltale.spi.ConfigKey}s and resolved by Telltale; a backend reads them typed from its
 * {@link dev.telltale.spi.BackendConfig} and never parses them itself. Helpers every backend may
 * use: {@link dev.telltale.spi.TopicPattern} (matching routing keys), {@link
 * dev.telltale.spi.JsonMember} (a payload's routing key without parsing it) and {@link
 * dev.telltale.spi.Redaction} (passwords out of URIs).
 *
 * <p>The probe manager's store SPI: implement {@link dev.telltale.spi.SpecStoreProvider} and
 * {@link dev.telltale.spi.SpecStore} to keep probe specs and their {@code applied} statuses
 * somewhere new (see {@code docs/SPECS.md}); a store over one keyed log (a compacted topic, a
 * stream folded by key) extends {@link dev.telltale.spi.SpecLog}, which lays specs and statuses
 * out in it and leaves the store two methods to write: read the folded log, append a record.
 */
package dev.telltale.spi;
