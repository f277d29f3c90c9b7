package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything a {@link KafkaSource} needs: the consumer properties, the topics, and the monitor
 * options.
 *
 * <p>The consumer properties are layered, later layers winning: {@code bootstrap.servers}, {@code
 * client.id} {@code telltale-monitor-<host>-<pid>}, no automatic topic creation, metadata
 * refreshed every 5 s (so new partitions show up quickly); the pass-through properties; then
 * what the options decide ({@code group.id}, {@code auto.offset.reset}), no automatic commits
 * ({@link KafkaSource} commits what it handed on) and the byte-array deserializers.
 *
 * @param properties the consumer's properties
 * @param topics the default topic and every mapped topic
 * @param bootstrapServers for messages
 * @param earliest whether to start from the oldest record rather than the next one
 * @param group the consumer group, or null for none
 * @param openTimeout how long opening may wait for the brokers
 */
record ConsumerSettings(Map<String, Object> properties, List<String> topics, String bootstrapServers,
        boolean earliest, String group, Duration openTimeout) {

    /**
     * Resolves the settings from the configuration {@link KafkaBackend#openSource} gets, which
     * holds the subscription's options, resolved and type-checked by the core.
     *
     * @throws IllegalArgumentException naming the option or key whose value is unusable
     */
    static ConsumerSettings from(BackendConfig config) {
        String from = config.string(KafkaBackend.FROM.name()).toLowerCase(Locale.ROOT);
        if (!from.equals("latest") && !from.equals("earliest")) {
            throw new IllegalArgumentException("option from must be 'latest' or 'earliest', not '" + from + "'");
        }
        String group = config.string(KafkaBackend.GROUP.name());
        Duration openTimeout = config.duration(KafkaBackend.OPEN_TIMEOUT.name());
        TopicRoutes routes = TopicRoutes.parse(KafkaBackend.TOPIC.name(), config.string(KafkaBackend.TOPIC.name()),
                KafkaBackend.TOPICS.name(), config.string(KafkaBackend.TOPICS.name()));
        String bootstrap = config.string(KafkaBackend.BOOTSTRAP_SERVERS.name()).strip();

        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "telltale-monitor-" + config.host() + "-" + config.pid());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, openTimeout.toMillis())));
        props.putAll(PassThrough.consumer(config));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        if (!group.isEmpty()) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"); // KafkaSource commits what it handed on
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, from);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new ConsumerSettings(Map.copyOf(props), List.copyOf(routes.all()), bootstrap, from.equals("earliest"),
                group.isEmpty() ? null : group, openTimeout);
    }
}
