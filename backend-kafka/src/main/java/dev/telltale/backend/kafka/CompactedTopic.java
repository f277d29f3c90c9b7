package dev.telltale.backend.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A compacted Kafka topic read as a map: every record's key maps to its latest value, a record
 * with a null value (a tombstone) removes its key. {@link #current()} reads from the beginning the
 * first time, then only what was written since, up to the end offsets of the moment it is called,
 * so a process that starts late sees the same map as one that was there all along.
 *
 * <p>The topic is created on first use if it does not exist, with {@code cleanup.policy=compact},
 * one partition (one order for every key) and the broker's default replication factor.
 *
 * <p><b>Blocking and errors.</b> Every call blocks its caller for at most about {@code timeout}
 * (the producer's {@code max.block.ms}, {@code request.timeout.ms} and {@code delivery.timeout.ms},
 * the consumer's and the admin client's API timeouts are all derived from it); a broker that does
 * not answer in time, or refuses, is an {@link IOException} naming the bootstrap servers and the
 * topic. After such a failure the next call simply tries again. A timeout longer than the Kafka
 * clients can count ({@code Integer.MAX_VALUE} ms, about 24.8 days), {@code
 * Duration.ofSeconds(Long.MAX_VALUE)} included, is taken as that longest one: as long as it takes.
 *
 * <p><b>Threading.</b> Thread-safe: calls are serialised (Kafka's consumer is single-threaded).
 */
final class CompactedTopic implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    /** The longest timeout the Kafka clients take ({@code int} milliseconds, about 24.8 days). */
    private static final Duration LONGEST = Duration.ofMillis(Integer.MAX_VALUE);

    private final String bootstrap;
    private final String topic;
    /** The timeout in milliseconds, at most {@code Integer.MAX_VALUE}: for the clients' settings. */
    private final int millis;
    /** The timeout as the clients can take it (they turn it into milliseconds). */
    private final Duration clientTimeout;
    private final String clientId;
    private final Map<String, byte[]> values = new LinkedHashMap<>();
    private Producer<String, byte[]> producer;
    private Consumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;
    private boolean created;
    private boolean closed;

    /**
     * A topic that is neither connected to nor created until the first call.
     *
     * @param clientId the prefix of the Kafka client ids (the broker logs them)
     */
    CompactedTopic(String bootstrap, String topic, Duration timeout, String clientId) {
        if (bootstrap.isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers given");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("no Kafka topic given");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.bootstrap = bootstrap.strip();
        this.topic = topic.strip();
        this.millis = clientMillis(timeout);
        this.clientTimeout = Duration.ofMillis(millis);
        this.clientId = clientId;
    }

    String topic() {
        return topic;
    }

    String bootstrap() {
        return bootstrap;
    }

    /**
     * The map as the topic holds it now: reads every record written since the last call, up to
     * the end offsets the broker reports at the start of this call.
     *
     * @return a copy, in the order the keys first appeared
     * @throws IOException if the broker does not answer, or the reading does not reach those end
     *     offsets, within the timeout
     */
    synchronized Map<String, byte[]> current() throws IOException {
        open();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, clientTimeout);
            while (behind(ends)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("could not read Kafka topic '" + topic + "' at " + bootstrap
                            + " to its end within " + millis + " ms");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.key() == null) {
                        continue; // not written by a store: nothing to fold by
                    }
                    if (record.value() == null) {
                        values.remove(record.key());
                    } else {
                        values.put(record.key(), record.value());
                    }
                }
            }
        } catch (KafkaException e) {
            throw failure("read", e);
        }
        return new LinkedHashMap<>(values);
    }

    private boolean behind(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), clientTimeout) < end.getValue()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code value} under {@code key}, or a tombstone if {@code value} is null, and waits
     * until the broker has it (acks=all).
     *
     * @throws IOException if the broker does not take it within the timeout
     */
    synchronized void put(String key, byte[] value) throws IOException {
        ensureTopic();
        if (producer == null) {
            try {
                producer = newProducer();
            } catch (KafkaException e) {
                throw failure("connect to", e);
            }
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(2L * millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure("write to", e.getCause());
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            throw failure("write to", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing to Kafka topic '" + topic + "'", e);
        }
    }

    private void open() throws IOException {
        if (closed) {
            throw new IOException("the Kafka store of topic '" + topic + "' is closed");
        }
        ensureTopic();
        if (consumer == null) {
            try {
                consumer = newConsumer();
            } catch (KafkaException e) {
                throw failure("connect to", e);
            }
        }
        if (partitions == null) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, clientTimeout);
            } catch (KafkaException e) {
                throw failure("find the partitions of", e);
            }
            if (infos == null || infos.isEmpty()) {
                throw new IOException("Kafka at " + bootstrap + " does not know topic '" + topic + "' yet");
            }
            List<TopicPartition> all = new ArrayList<>();
            infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(all);
            consumer.seekToBeginning(all);
            partitions = all;
        }
    }

    private void ensureTopic() throws IOException {
        if (created) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(compacted), new CreateTopicsOptions().timeoutMs(millis))
                    .all().get(2L * millis, TimeUnit.MILLISECONDS);
            created = true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure("create", e.getCause());
            }
            created = true;
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            throw failure("create", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating Kafka topic '" + topic + "'", e);
        }
    }

    private Producer<String, byte[]> newProducer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private Consumer<String, byte[]> newConsumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private IOException failure(String what, Throwable cause) {
        String detail = cause == null ? "" : ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        return new IOException("cannot " + what + " Kafka topic '" + topic + "' at " + bootstrap + " within "
                + millis + " ms" + detail, cause);
    }

    /** Closes the clients, waiting at most the timeout; never throws. */
    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            try {
                producer.close(clientTimeout);
            } catch (RuntimeException e) {
                // closing: nothing left to report it to
            }
        }
        if (consumer != null) {
            try {
                consumer.close(CloseOptions.timeout(clientTimeout));
            } catch (RuntimeException e) {
                // closing
            }
        }
    }

    /**
     * A positive {@code timeout} in whole milliseconds for the clients' {@code int} settings: at
     * least 1, at most {@code Integer.MAX_VALUE}, which any longer one (the longest {@code
     * Duration} included) is taken as, never an {@link ArithmeticException}.
     */
    static int clientMillis(Duration timeout) {
        if (timeout.compareTo(LONGEST) >= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(1, timeout.toMillis());
    }
}
