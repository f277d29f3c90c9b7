/**
 * Telltale's Kafka backend: publishes events to Apache Kafka with {@code kafka-clients} and reads
 * them back for the monitor. Exports nothing; it is found through {@link java.util.ServiceLoader}
 * as the {@code kafka} backend, and as the {@code kafka:} spec store of the probe manager.
 */
module dev.telltale.backend.kafka {
    requires dev.telltale.api;
    requires kafka.clients;

    provides dev.telltale.spi.Backend with dev.telltale.backend.kafka.KafkaBackend;
    provides dev.telltale.spi.SpecStoreProvider with dev.telltale.backend.kafka.KafkaSpecStoreProvider;
}
