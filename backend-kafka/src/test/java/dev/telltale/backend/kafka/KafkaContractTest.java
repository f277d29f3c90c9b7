package dev.telltale.backend.kafka;

import dev.telltale.core.testing.contract.BackendContract;
import dev.telltale.spi.Backend;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The backend contract against the Kafka backend and the shared in-process KRaft cluster, one
 * topic of three partitions per test. Its differences, as its README documents them: the
 * consuming side returns the record key; a record over the producer's {@code max.request.size}
 * is refused as too large; and a source without a group reading {@code from=earliest} reads
 * everything the topic holds again.
 */
class KafkaContractTest extends BackendContract {

    private static KafkaCluster cluster;
    private String topic;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaCluster.shared();
    }

    /** The topic exists before the sources open, so that they start at its (empty) end. */
    @BeforeEach
    void createTopic() throws Exception {
        topic = Pipelines.uniqueTopic("contract");
        cluster.createTopic(topic, 3);
    }

    @Override
    protected Backend backend() {
        return new KafkaBackend();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("telltale.kafka.bootstrap.servers", cluster.bootstrapServers(), "telltale.kafka.topic", topic);
    }

    @Override
    protected Map<String, String> resumableOptions() {
        return Map.of("from", "earliest");
    }

    @Override
    protected Resume resume() {
        return Resume.REPLAYS_EVERYTHING;
    }

    @Override
    protected boolean readsKeys() {
        return true;
    }

    @Override
    protected Map<String, String> tooLargeSettings() {
        return Map.of("telltale.kafka.max.request.size", "2000");
    }
}
