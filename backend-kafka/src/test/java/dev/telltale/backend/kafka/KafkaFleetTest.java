package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.core.testing.Fleet;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.spi.SpecStore;
import dev.telltale.tool.SpecJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
            ProbeSpec spec = SpecJson.parse("{\"id\":\"greetings\",\"target\":\"handle:greet\","
                    + "\"instrument\":{\"type\":\"counter\",\"name\":\"greetings\"},\"lifespan\":\"10m\","
                    + "\"lastModified\":\"" + Instant.now() + "\"}");
            specs.put(spec.id(), SpecJson.toJson(spec, false));

            Map<String, String> statuses = Map.of();
            long deadline = System.nanoTime() + APPLIED_WITHIN.toNanos();
            for (int i = 0; i < 1000 && System.nanoTime() < deadline && !allApplied(statuses); i++) {
                Thread.sleep(100); // the members apply on their own interval; the store has no push to wait on
                statuses = specs.statuses().getOrDefault("greetings", Map.of());
            }
            Map<String, String> byService = new TreeMap<>();
            statuses.forEach((process, json) -> byService.put(process.substring(0, process.indexOf('@')),
                    SpecJson.parseApplied(json).status().json()));
            assertEquals(Map.of(service + "-1", "applied", service + "-2", "applied", service + "-3", "applied"), byService,
                    "statuses " + statuses + fleet.stderr());
            assertEquals(Set.of("greetings"), specs.specs().keySet());
        }
    }

    private static boolean allApplied(Map<String, String> statuses) {
        return statuses.size() == 3 && statuses.values().stream()
                .allMatch(json -> SpecJson.parseApplied(json).status() == ProbeSpec.Status.APPLIED);
    }
}
