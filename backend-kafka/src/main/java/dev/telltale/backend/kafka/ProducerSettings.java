package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Everything a {@link KafkaSink} needs, resolved from the configuration once: the producer
 * properties, the topic routes and the timeouts.
 *
 * <p>The producer properties are layered, later layers winning: {@code bootstrap.servers} and
 * Telltale's defaults for some Kafka properties; the profile's {@code acks} and {@code
 * enable.idempotence}; {@code client.id} {@code telltale-<host>-<pid>} (with {@code -2}, {@code
 * -3}... for further producers in one process); the pass-through properties; the byte-array
 * serializers.
 *
 * @param properties the producer's properties
 * @param routes where events go
 * @param bootstrapServers for messages
 * @param maxBlock the longest one {@code send()} may block
 * @param deliveryTimeout the longest a record may take before its callback reports it failed
 * @param closeTimeout the longest closing the producer may take: {@code telltale.kafka.close-timeout}
 *     if set, else {@code telltale.flush.timeout}
 */
record ProducerSettings(Map<String, Object> properties, TopicRoutes routes, String bootstrapServers, Duration maxBlock,
        Duration deliveryTimeout, Duration closeTimeout) {

    /**
     * Resolves the settings.
     *
     * @throws IllegalArgumentException naming the key whose value is unusable
     */
    static ProducerSettings from(BackendConfig config) {
        Profile profile = Profile.parse(KafkaBackend.PROFILE.name(), config.string(KafkaBackend.PROFILE.name()));
        TopicRoutes routes = TopicRoutes.parse(KafkaBackend.TOPIC.name(), config.string(KafkaBackend.TOPIC.name()),
                KafkaBackend.TOPICS.name(), config.string(KafkaBackend.TOPICS.name()));
        Map<String, Object> props = new HashMap<>();
        String bootstrap = config.string(KafkaBackend.BOOTSTRAP_SERVERS.name()).strip();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        for (ConfigKey key : KafkaBackend.PRODUCER_DEFAULTS) {
            props.put(PassThrough.kafkaName(key), config.string(key.name()).strip());
        }
        props.putAll(profile.producerProperties());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, ClientIds.producer(config));
        props.putAll(PassThrough.producer(config));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Duration closeTimeout = closeTimeout(config);
        return new ProducerSettings(Map.copyOf(props), routes, bootstrap,
                millis(config, KafkaBackend.MAX_BLOCK_MS), millis(config, KafkaBackend.DELIVERY_TIMEOUT_MS), closeTimeout);
    }

    /**
     * {@code telltale.kafka.close-timeout} if it is configured, else the pipeline's {@code
     * telltale.flush.timeout}: the pipeline's {@code close()} gives up after that anyway, so a
     * longer wait would only keep the producer's thread alive after it returned.
     */
    static Duration closeTimeout(BackendConfig config) {
        String own = config.withPrefix(KafkaBackend.PREFIX).get("close-timeout");
        return own != null && !own.isBlank() ? config.duration(KafkaBackend.CLOSE_TIMEOUT.name()) : config.flushTimeout();
    }

    /** The key's milliseconds; never negative, as the key declares. */
    private static Duration millis(BackendConfig config, ConfigKey key) {
        return Duration.ofMillis(config.integer(key.name()));
    }

    /** The producer's {@code client.id}, which names its network thread. */
    String clientId() {
        return String.valueOf(properties.get(ProducerConfig.CLIENT_ID_CONFIG));
    }

    /**
     * A new producer. It starts its network thread but does not connect until the first send.
     *
     * @throws IllegalArgumentException if Kafka rejects a property; the message says which
     */
    Producer<byte[], byte[]> newProducer() {
        try {
            return new KafkaProducer<>(properties);
        } catch (KafkaException e) {
            throw new IllegalArgumentException("Kafka refused the producer configuration (telltale.kafka.* keys): "
                    + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        }
    }
}
