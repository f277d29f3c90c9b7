package dev.telltale.backend.kafka;

import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Opens {@code kafka:HOST:PORT[,HOST:PORT...]} spec stores: the probe manager's specs in a
 * compacted topic ({@link KafkaSpecStore}). The one property, {@code topic} ({@code
 * telltale.probe.store.kafka.topic}), names the topic; default {@value #DEFAULT_TOPIC}. Opening
 * does no network I/O: the topic is created, if missing, on the first call.
 */
public final class KafkaSpecStoreProvider implements SpecStoreProvider {

    static final String DEFAULT_TOPIC = "telltale.specs";
    /** The one setting, {@code telltale.probe.store.kafka.topic}. */
    static final ConfigKey TOPIC = new ConfigKey("telltale.probe.store.kafka.topic", ConfigKey.Type.STRING, DEFAULT_TOPIC,
            "the compacted topic of a kafka: spec store, holding the specs and every process's statuses; created, compacted, when missing");
    /** Stores opened in this process: each gets its own client ids (Kafka registers an MBean per id). */
    private static final AtomicInteger STORES = new AtomicInteger();
    private static final Pattern BOOTSTRAP = Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");

    /** For {@link java.util.ServiceLoader}. */
    public KafkaSpecStoreProvider() {}

    @Override
    public String scheme() {
        return "kafka";
    }

    /** {@code telltale.probe.store.kafka.topic}. */
    @Override
    public List<ConfigKey> keys() {
        return List.of(TOPIC);
    }

    /**
     * @throws IllegalArgumentException if {@code rest} is not {@code HOST:PORT[,HOST:PORT...]},
     *     or a property is unknown or empty
     */
    @Override
    public SpecStore open(String rest, SpecStoreOptions options) {
        String bootstrap = rest.strip();
        if (!BOOTSTRAP.matcher(bootstrap).matches()) {
            throw new IllegalArgumentException("kafka store address '" + rest
                    + "' is not HOST:PORT[,HOST:PORT...] (as in kafka:127.0.0.1:9092)");
        }
        options.requireKnownKeys(scheme(), keys());
        String topic = options.properties().getOrDefault("topic", DEFAULT_TOPIC).strip();
        if (topic.isEmpty() || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("telltale.probe.store.kafka.topic '" + topic
                    + "' is no Kafka topic name (1-249 letters, digits, '.', '_', '-')");
        }
        return new KafkaSpecStore(new CompactedTopic(bootstrap, topic, options.timeout(), clientId()));
    }

    private static String clientId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        int n = STORES.incrementAndGet();
        return "telltale-specs-" + host + "-" + ProcessHandle.current().pid() + (n == 1 ? "" : "-" + n);
    }

    @Override
    public String toString() {
        return "kafka spec stores";
    }

}
