package dev.telltale.backend.kafka;

import dev.telltale.spi.SpecLog;
import java.io.IOException;
import java.util.Map;

/**
 * The probe manager's specs in one compacted Kafka topic ({@code telltale.specs} unless {@code
 * telltale.probe.store.kafka.topic} says otherwise): key {@code spec/<id>} holds a spec's JSON,
 * {@code applied/<id>/<processId>} a process's status for it, and a tombstone (null value) removes
 * either. Every process reads the topic from its beginning and folds it by key, so one that
 * starts late gets the current specs and statuses; compaction keeps the topic to about one record
 * per key. See {@link CompactedTopic} for the reading, the blocking bounds and the errors.
 *
 * <p>{@link #remove} writes a tombstone for the spec and for each status reported for it. A
 * status reported after its spec was removed is not listed. A status equal to the one this store
 * last wrote for the same spec and process is not written again.
 *
 * <p>The key layout, the folds and the status de-duplication are {@link SpecLog}'s. Thread-safe;
 * every call blocks for at most about the timeout and throws {@link IOException} naming the topic
 * and bootstrap servers when the brokers do not answer.
 */
final class KafkaSpecStore extends SpecLog {

    private final CompactedTopic topic;

    KafkaSpecStore(CompactedTopic topic) {
        this.topic = topic;
    }

    @Override
    public String address() {
        return "kafka:" + topic.bootstrap() + " (topic '" + topic.topic() + "')";
    }

    @Override
    protected Map<String, byte[]> current() throws IOException {
        return topic.current();
    }

    @Override
    protected void write(String key, byte[] value) throws IOException {
        topic.put(key, value);
    }

    @Override
    public void close() {
        topic.close();
    }

    @Override
    public String toString() {
        return address();
    }
}
