package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client properties configured under {@code telltale.kafka.}: every configured key
 * there except Telltale's own keys and monitor options, with the prefix removed. A property only
 * the consumer knows is not given to the producer and the reverse; a property neither knows (a
 * plug-in's setting, a typo) is given to both, and the client logs it as unused.
 */
final class PassThrough {

    /** Set by Telltale on every client it makes: passing them through would break it. */
    private static final Set<String> FIXED = Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    private PassThrough() {
    }

    /** The properties for the producer. */
    static Map<String, String> producer(BackendConfig config) {
        return select(config, ConsumerConfig.configNames(), ProducerConfig.configNames());
    }

    /** The properties for the monitor's consumer. */
    static Map<String, String> consumer(BackendConfig config) {
        return select(config, ProducerConfig.configNames(), ConsumerConfig.configNames());
    }

    private static Map<String, String> select(BackendConfig config, Set<String> otherSide, Set<String> thisSide) {
        Set<String> own = new HashSet<>(FIXED);
        for (List<ConfigKey> keys : List.of(KafkaBackend.OWN_KEYS, KafkaBackend.OPTIONS)) {
            for (ConfigKey key : keys) {
                own.add(kafkaName(key));
            }
        }
        own.remove(kafkaName(KafkaBackend.BOOTSTRAP_SERVERS)); // Telltale's key under Kafka's name
        Map<String, String> selected = new LinkedHashMap<>();
        config.withPrefix(KafkaBackend.PREFIX).forEach((name, value) -> {
            boolean otherSideOnly = otherSide.contains(name) && !thisSide.contains(name);
            if (!own.contains(name) && !otherSideOnly) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    /** The name of {@code key} below {@code telltale.kafka.}. */
    static String kafkaName(ConfigKey key) {
        return key.name().substring(KafkaBackend.PREFIX.length());
    }
}
