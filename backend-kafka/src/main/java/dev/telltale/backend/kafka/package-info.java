/**
 * The Kafka backend: {@link dev.telltale.backend.kafka.KafkaBackend} and the package-private
 * sink and source behind it. Only {@code KafkaBackend} is public; everything else is reached
 * through the {@link dev.telltale.spi} interfaces.
 *
 * <p>The sink runs on the pipeline's publisher thread, never on an application thread; the Kafka
 * producer's own network thread is declared internal, so events its logging produces through a
 * log bridge are suppressed. The source is the monitor's and may block its caller, boundedly.
 * Nulls are not accepted anywhere in this package unless a method says so.
 */
package dev.telltale.backend.kafka;
