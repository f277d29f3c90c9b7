package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.Fleet;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.tool.SpecJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Three JVMs that share one RabbitMQ spec store: a spec put once is applied by each, and each
 * one's status comes back through the store.
 */
class AmqpFleetTest {

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(90);

    @Test
    void specPutOnce_isAppliedByEveryMember_andEveryStatusComesBack() throws Exception {
        TestBroker broker = Brokers.get();
        Assumptions.assumeTrue(broker.name().equals("rabbitmq"), "streams need RabbitMQ 3.9+");
        String name = "telltale.test.fleet-" + UUID.randomUUID();
        String service = "fleet-" + name.substring(name.length() - 8);
        try (Fleet fleet = Fleet.start(3, "amqp:" + broker.uri(), service,
                        "telltale.probe.store.amqp.exchange=" + name, "telltale.probe.store.amqp.queue=" + name);
                SpecStore specs = new AmqpSpecStoreProvider().open(broker.uri(),
                        new SpecStoreOptions(Duration.ofSeconds(5), Map.of("exchange", name, "queue", name)))) {
            ProbeSpec spec = SpecJson.parse("{\"id\":\"greetings\",\"target\":\"handle:greet\","
                    + "\"instrument\":{\"type\":\"counter\",\"name\":\"greetings\"},\"lifespan\":\"10m\","
                    + "\"lastModified\":\"" + Instant.now() + "\"}");
            specs.put(spec.id(), SpecJson.toJson(spec, false));

            Map<String, String> statuses = Map.of();
            long deadline = System.nanoTime() + APPLIED_WITHIN.toNanos();
            for (int i = 0; i < 1000 && System.nanoTime() < deadline && !allApplied(statuses); i++) {
                Thread.sleep(100); // the members apply on their own interval; polling the folded statuses
                statuses = specs.statuses().getOrDefault("greetings", Map.of());
            }
            Map<String, String> byService = new TreeMap<>();
            statuses.forEach((process, json) -> byService.put(process.substring(0, process.indexOf('@')),
                    SpecJson.parseApplied(json).status().json()));
            assertEquals(Map.of(service + "-1", "applied", service + "-2", "applied", service + "-3", "applied"), byService,
                    "statuses " + statuses + fleet.stderr());
            assertEquals(Set.of("greetings"), specs.specs().keySet());
        } finally {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.uri());
            try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
                ch.queueDelete(name);
                ch.exchangeDelete(name);
            }
        }
    }

    private static boolean allApplied(Map<String, String> statuses) {
        return statuses.size() == 3 && statuses.values().stream()
                .allMatch(json -> SpecJson.parseApplied(json).status() == ProbeSpec.Status.APPLIED);
    }
}
