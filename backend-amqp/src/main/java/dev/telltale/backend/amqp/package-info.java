/**
 * The AMQP 0-9-1 backend: {@link dev.telltale.backend.amqp.AmqpBackend} and the package-private
 * sink and source behind it, on the RabbitMQ Java client. Only {@code AmqpBackend} is public;
 * everything else is reached through the {@link dev.telltale.spi} interfaces.
 *
 * <p>The sink runs on the pipeline's publisher thread, never on an application thread; the
 * client's own threads come from Telltale's thread factory. The source is the monitor's and may
 * block its caller, boundedly. Nothing in this package puts the broker's password in a message.
 * Nulls are not accepted anywhere in this package unless a method says so.
 */
package dev.telltale.backend.amqp;
