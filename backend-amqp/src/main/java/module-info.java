/**
 * Telltale's AMQP 0-9-1 backend (RabbitMQ): publishing with confirms, and consuming for the
 * monitor. Exports nothing; it is found through {@link java.util.ServiceLoader} as the {@code
 * amqp} backend, and as the {@code amqp:} spec store of the probe manager (a RabbitMQ stream).
 */
module dev.telltale.backend.amqp {
    requires dev.telltale.api;
    requires com.rabbitmq.client;

    provides dev.telltale.spi.Backend with dev.telltale.backend.amqp.AmqpBackend;
    provides dev.telltale.spi.SpecStoreProvider with dev.telltale.backend.amqp.AmqpSpecStoreProvider;
}
