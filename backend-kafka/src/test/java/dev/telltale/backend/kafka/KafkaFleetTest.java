package dev.telltale.backend.kafka;

import dev.telltale.core.testing.Fleet;
import dev.telltale.spi.SpecStore;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Three JVMs that share one Kafka-topic spec store: a spec put once is applied by each, and each
 * one's status comes back through the store.
 */
class KafkaFleetTest {

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(90);

    @Test
    void specPutOnce_isAppliedByEveryMember_andEveryStatusComesBack() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = Pipelines.uniqueTopic("fleet-specs");
        String service = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
        String store = "kafka:" + cluster.bootstrapServers();
        try (Fleet fleet = Fleet.start(3, store, service, "telltale.probe.store.kafka.topic=" + topic);
                SpecStore specs = KafkaSpecStoreTest.open(cluster.bootstrapServers(), topic)) {
            fleet.assertEveryMemberApplies(specs, APPLIED_WITHIN);
        }
    }
}
