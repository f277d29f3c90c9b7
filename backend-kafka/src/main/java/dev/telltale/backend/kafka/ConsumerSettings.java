package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Subscription;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything a {@link KafkaSource} needs: the consumer properties, the topics, and the monitor
 * options.
 *
 * <p>The consumer properties are layered, later layers winning: {@code bootstrap.servers}, {@code
 * client.id} {@code telltale-monitor-<host>-<pid>}, no automatic topic creation, metadata
 * refreshed every 5 s (so new partitions show up quickly); the pass-through properties; then
 * what the options decide ({@code group.id}, {@code enable.auto.commit}, {@code
 * auto.offset.reset}) and the byte-array deserializers.
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

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    /**
     * Resolves the settings.
     *
     * @throws IllegalArgumentException naming the option or key whose value is unusable, or an
     *     option this backend does not know
     */
    static ConsumerSettings from(BackendConfig config, Subscription subscription) {
        Map<ConfigKey, String> options = options(subscription);
        String from = options.getOrDefault(KafkaBackend.FROM, KafkaBackend.FROM.defaultValue()).strip()
                .toLowerCase(Locale.ROOT);
        if (!from.equals("latest") && !from.equals("earliest")) {
            throw new IllegalArgumentException("option from must be 'latest' or 'earliest', not '" + from + "'");
        }
        String group = options.getOrDefault(KafkaBackend.GROUP, "").strip();
        Duration openTimeout = duration(KafkaBackend.OPEN_TIMEOUT,
                options.getOrDefault(KafkaBackend.OPEN_TIMEOUT, KafkaBackend.OPEN_TIMEOUT.defaultValue()));
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
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, Boolean.toString(!group.isEmpty()));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, from);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new ConsumerSettings(Map.copyOf(props), List.copyOf(routes.all()), bootstrap, from.equals("earliest"),
                group.isEmpty() ? null : group, openTimeout);
    }

    /** The subscription's options by key; each may be named in full or by its last word. */
    private static Map<ConfigKey, String> options(Subscription subscription) {
        Map<ConfigKey, String> found = new HashMap<>();
        subscription.options().forEach((name, value) -> {
            ConfigKey key = null;
            for (ConfigKey option : KafkaBackend.OPTIONS) {
                if (option.name().equals(name) || PassThrough.kafkaName(option).equals(name)) {
                    key = option;
                }
            }
            if (key == null) {
                throw new IllegalArgumentException("unknown option '" + name
                        + "' for the kafka backend; it knows from, group and open-timeout");
            }
            found.put(key, value);
        });
        return found;
    }

    private static Duration duration(ConfigKey key, String value) {
        String text = value.strip();
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("option " + PassThrough.kafkaName(key)
                    + " must be a duration such as 500ms, 10s or 1m, not '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
