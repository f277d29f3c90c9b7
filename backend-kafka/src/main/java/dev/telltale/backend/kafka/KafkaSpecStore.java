package dev.telltale.backend.kafka;

import dev.telltale.spi.SpecStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
 * <p>Thread-safe; every call blocks for at most about the timeout and throws {@link IOException}
 * naming the topic and bootstrap servers when the brokers do not answer.
 */
final class KafkaSpecStore implements SpecStore {

    private final CompactedTopic topic;
    private final Map<String, String> lastReported = new LinkedHashMap<>();

    KafkaSpecStore(CompactedTopic topic) {
        this.topic = topic;
    }

    @Override
    public String address() {
        return "kafka:" + topic.bootstrap() + " (topic '" + topic.topic() + "')";
    }

    @Override
    public Map<String, String> specs() throws IOException {
        return SpecKeys.specs(log());
    }

    @Override
    public Map<String, Map<String, String>> statuses() throws IOException {
        return SpecKeys.statuses(log());
    }

    private Map<String, String> log() throws IOException {
        Map<String, String> log = new LinkedHashMap<>();
        topic.current().forEach((k, v) -> log.put(k, new String(v, StandardCharsets.UTF_8)));
        return log;
    }

    @Override
    public void put(String id, String json) throws IOException {
        topic.put(SpecKeys.spec(id), json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void remove(String id) throws IOException {
        String prefix = SpecKeys.applied(id, "");
        for (String key : topic.current().keySet()) {
            if (key.startsWith(prefix)) {
                topic.put(key, null);
            }
        }
        topic.put(SpecKeys.spec(id), null);
        synchronized (lastReported) {
            lastReported.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    @Override
    public void report(String specId, String processId, String json) throws IOException {
        String key = SpecKeys.applied(specId, processId);
        synchronized (lastReported) {
            if (json.equals(lastReported.get(key))) {
                return;
            }
        }
        topic.put(key, json.getBytes(StandardCharsets.UTF_8));
        synchronized (lastReported) {
            lastReported.put(key, json);
        }
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
