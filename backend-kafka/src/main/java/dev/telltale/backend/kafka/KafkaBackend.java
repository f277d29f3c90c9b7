package dev.telltale.backend.kafka;

import static dev.telltale.spi.ConfigKey.Type.DURATION;
import static dev.telltale.spi.ConfigKey.Type.INTEGER;
import static dev.telltale.spi.ConfigKey.Type.STRING;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.util.List;

/**
 * The {@code kafka} backend: publishes each event as one Kafka record and reads them back for the
 * monitor, with {@code org.apache.kafka:kafka-clients}.
 *
 * <p><b>Records.</b> The value is the event's JSON, the key its source id (so every event of one
 * context lands on one partition, in order), and the headers the event's headers plus {@code
 * telltale-kind}, {@code telltale-routing-key}, {@code telltale-host}, {@code telltale-pid} and
 * {@code content-type: application/json}. Events go to {@code telltale.kafka.topic}, or to the
 * topic of the first {@code telltale.kafka.topics} mapping whose routing-key pattern matches.
 *
 * <p><b>Keys.</b> Telltale's own keys are single words or use dashes ({@code topic}, {@code
 * topics}, {@code profile}, {@code close-timeout}). Every other key under {@code telltale.kafka.}
 * is a Kafka client property under its own dotted name ({@code telltale.kafka.linger.ms} is {@code
 * linger.ms}) and is passed to the client as it is; the few listed in {@link #keys()} are those
 * for which Telltale's default differs from Kafka's. A producer-only property is not given to the
 * monitor's consumer, nor a consumer-only one to the producer.
 *
 * <p><b>Threading and errors.</b> This class holds no state and is thread-safe; the sinks and
 * sources it opens document their own contracts. {@link #openSink} does no network I/O and
 * throws {@link IllegalArgumentException} naming the key whose value is unusable.
 */
public final class KafkaBackend implements Backend {

    static final int PREFERRED_BATCH_SIZE = 8192;

    static final String PREFIX = "telltale.kafka.";

    static final ConfigKey BOOTSTRAP_SERVERS = new ConfigKey(PREFIX + "bootstrap.servers", STRING, "127.0.0.1:9092",
            "Kafka's bootstrap.servers: host:port of one or more brokers, comma-separated.");
    static final ConfigKey TOPIC = new ConfigKey(PREFIX + "topic", STRING, "telltale.events",
            "The topic events go to when no telltale.kafka.topics mapping matches their routing key.");
    static final ConfigKey TOPICS = new ConfigKey(PREFIX + "topics", STRING, "",
            "Routing-key patterns mapped to topics, first match wins: orders.#=orders,audit.*=audit.");
    static final ConfigKey PROFILE = new ConfigKey(PREFIX + "profile", STRING, "safe",
            "safe: acks=all with idempotence; lossy: acks=1 without it. Pass-through properties override either.");
    static final ConfigKey CLOSE_TIMEOUT = new ConfigKey(PREFIX + "close-timeout", DURATION, "",
            "The longest closing the producer may take; unset, telltale.flush.timeout (the pipeline's close gives up then anyway).");

    static final ConfigKey MAX_BLOCK_MS = new ConfigKey(PREFIX + "max.block.ms", INTEGER, "5000",
            "Kafka's max.block.ms: the longest one send() waits for metadata or buffer space (Kafka: 60000).")
            .atLeast("0");
    static final ConfigKey DELIVERY_TIMEOUT_MS = new ConfigKey(PREFIX + "delivery.timeout.ms", INTEGER, "30000",
            "Kafka's delivery.timeout.ms: the longest a record may take, retries included, before it fails (Kafka: 120000).")
            .atLeast("0");
    static final ConfigKey REQUEST_TIMEOUT_MS = new ConfigKey(PREFIX + "request.timeout.ms", INTEGER, "10000",
            "Kafka's request.timeout.ms: the longest the producer waits for one broker response (Kafka: 30000).")
            .atLeast("0");
    static final ConfigKey LINGER_MS = new ConfigKey(PREFIX + "linger.ms", INTEGER, "0",
            "Kafka's linger.ms: Telltale sends a whole batch at once and waits for it, so waiting for more adds latency (Kafka: 5).")
            .atLeast("0");
    static final ConfigKey BATCH_SIZE = new ConfigKey(PREFIX + "batch.size", INTEGER, "262144",
            "Kafka's batch.size: bytes per partition per request (Kafka: 16384).")
            .atLeast("0");
    static final ConfigKey COMPRESSION_TYPE = new ConfigKey(PREFIX + "compression.type", STRING, "lz4",
            "Kafka's compression.type: none, gzip, snappy, lz4 or zstd (Kafka: none).");

    static final ConfigKey FROM = new ConfigKey(PREFIX + "from", STRING, "latest",
            "Monitor option: 'latest' shows events published from now on, 'earliest' everything the topics still hold.");
    static final ConfigKey GROUP = new ConfigKey(PREFIX + "group", STRING, "",
            "Monitor option: a consumer group whose committed offsets are used and advanced; empty reads every "
                    + "partition without a group and commits nothing.");
    static final ConfigKey OPEN_TIMEOUT = new ConfigKey(PREFIX + "open-timeout", DURATION, "10s",
            "Monitor option: how long opening waits for the brokers before failing.");

    /** Telltale's own keys: never passed to a Kafka client. */
    static final List<ConfigKey> OWN_KEYS = List.of(BOOTSTRAP_SERVERS, TOPIC, TOPICS, PROFILE, CLOSE_TIMEOUT);
    /** Kafka producer properties for which Telltale has its own default. */
    static final List<ConfigKey> PRODUCER_DEFAULTS = List.of(MAX_BLOCK_MS, DELIVERY_TIMEOUT_MS, REQUEST_TIMEOUT_MS,
            LINGER_MS, BATCH_SIZE, COMPRESSION_TYPE);
    static final List<ConfigKey> OPTIONS = List.of(FROM, GROUP, OPEN_TIMEOUT);

    private static final List<ConfigKey> KEYS = List.of(BOOTSTRAP_SERVERS, TOPIC, TOPICS, PROFILE, CLOSE_TIMEOUT,
            MAX_BLOCK_MS, DELIVERY_TIMEOUT_MS, REQUEST_TIMEOUT_MS, LINGER_MS, BATCH_SIZE, COMPRESSION_TYPE);

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public KafkaBackend() {
    }

    /** {@code kafka}: selected with {@code telltale.backend=kafka}; its keys are under {@code telltale.kafka.}. */
    @Override
    public String name() {
        return "kafka";
    }

    /**
     * {@value #PREFERRED_BATCH_SIZE}: each batch costs one wait for the broker's acknowledgements, so
     * larger batches publish more per second (see docs/PERFORMANCE.md).
     */
    @Override
    public int preferredBatchSize() {
        return PREFERRED_BATCH_SIZE;
    }

    /**
     * Telltale's own keys ({@code bootstrap.servers}, {@code topic}, {@code topics}, {@code
     * profile}, {@code close-timeout}) and the Kafka producer properties whose default Telltale
     * changes ({@code max.block.ms}, {@code delivery.timeout.ms}, {@code request.timeout.ms},
     * {@code linger.ms}, {@code batch.size}, {@code compression.type}).
     */
    @Override
    public List<ConfigKey> keys() {
        return KEYS;
    }

    /** True: any other {@code telltale.kafka.<property>} is a Kafka client property. */
    @Override
    public boolean acceptsUnlistedKeys() {
        return true;
    }

    /**
     * {@code telltale.kafka.from}, {@code telltale.kafka.group} and {@code
     * telltale.kafka.open-timeout}, given in full or by their last word ({@code from=earliest}).
     */
    @Override
    public List<ConfigKey> subscriptionOptions() {
        return OPTIONS;
    }

    /**
     * Creates the producer; it does not connect until the first {@link Sink#publish}. See {@link
     * KafkaSink} for what counts as published and what {@code publish} throws.
     *
     * @throws IllegalArgumentException if a key's value is unusable (a bad profile or topic
     *     mapping, a property Kafka rejects); the message names the key
     */
    @Override
    public Sink openSink(BackendConfig config) {
        return new KafkaSink(ProducerSettings.from(config), config);
    }

    /**
     * Opens a consumer of the default topic and every mapped topic, returning the envelopes the
     * subscription wants. See {@link KafkaSource}.
     *
     * @throws IllegalArgumentException if an option is unknown or malformed; the message names it
     * @throws IOException if the brokers cannot be reached within {@code open-timeout}
     */
    @Override
    public Source openSource(BackendConfig config, Subscription subscription) throws IOException {
        return KafkaSource.open(ConsumerSettings.from(config), subscription);
    }
}
