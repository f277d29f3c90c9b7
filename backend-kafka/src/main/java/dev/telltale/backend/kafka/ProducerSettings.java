package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Everything a {@link KafkaSink} needs, resolved from the configuration once: the producer
 * properties, the topic routes and the timeouts.
 *
 * <p>The producer properties are layered, later layers winning: {@code bootstrap.servers} and
 * Telltale's defaults for some Kafka properties; the profile's {@code acks} and {@code
 * enable.idempotence}; {@code client.id} {@code telltale-<host>-<pid>} (with {@code -2}, {@code
 * -3}... for further sinks opened in one process); the pass-through properties; the byte-array
 * serializers.
 *
 * @param properties the producer's properties
 * @param routes where events go
 * @param bootstrapServers for messages
 * @param maxBlock the longest one {@code send()} may block
 * @param deliveryTimeout the longest a record may take before its callback reports it failed
 * @param closeTimeout the longest closing the producer may take: {@code telltale.kafka.close-timeout}
 *     if set, else {@code telltale.flush.timeout}
 * @param networkThreadPrefix what the name of the producer's network thread starts with: for
 *     Telltale's own client ids {@code kafka-producer-network-thread | telltale-<host>-<pid>},
 *     the same for every producer of the process (so declaring it internal at every attempt to
 *     open a sink adds it once), else that thread's name for the client id passed through
 */
record ProducerSettings(Map<String, Object> properties, TopicRoutes routes, String bootstrapServers, Duration maxBlock,
        Duration deliveryTimeout, Duration closeTimeout, String networkThreadPrefix) {

    /** The start of the name Kafka gives a producer's network thread; the client id follows. */
    static final String NETWORK_THREAD = "kafka-producer-network-thread | ";

    /** Producers given a default client id in this process so far: each gets its own. */
    private static final AtomicInteger PRODUCERS = new AtomicInteger();

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
        Map<String, String> passThrough = PassThrough.producer(config);
        props.putAll(passThrough);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Duration closeTimeout = closeTimeout(config);
        Duration maxBlock = millis(config, KafkaBackend.MAX_BLOCK_MS);
        Duration deliveryTimeout = millis(config, KafkaBackend.DELIVERY_TIMEOUT_MS);
        // the client id last: only a property Kafka itself refuses can fail the sink after it was drawn
        String ownIds = "telltale-" + config.host() + "-" + config.pid();
        String chosenId = passThrough.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "").trim(); // Kafka trims it too
        if (chosenId.isEmpty()) { // Kafka would make up producer-N, the name of the application's own producers
            int n = PRODUCERS.incrementAndGet();
            props.put(ProducerConfig.CLIENT_ID_CONFIG, n == 1 ? ownIds : ownIds + "-" + n);
        }
        return new ProducerSettings(Map.copyOf(props), routes, bootstrap, maxBlock, deliveryTimeout, closeTimeout,
                NETWORK_THREAD + (chosenId.isEmpty() ? ownIds : chosenId));
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

    /**
     * A new producer, with {@code values} as its value serializer (the key serializer passes the
     * bytes through). It starts its network thread but does not connect until the first send.
     *
     * @throws IllegalArgumentException if Kafka rejects a property; the message says which
     */
    Producer<byte[], byte[]> newProducer(Serializer<byte[]> values) {
        try {
            return new KafkaProducer<>(properties, new ByteArraySerializer(), values);
        } catch (KafkaException e) {
            throw new IllegalArgumentException("Kafka refused the producer configuration (telltale.kafka.* keys): "
                    + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        }
    }
}
