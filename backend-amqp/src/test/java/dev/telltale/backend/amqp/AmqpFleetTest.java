package dev.telltale.backend.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.Fleet;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import java.time.Duration;
import java.util.Map;
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
            fleet.assertEveryMemberApplies(specs, APPLIED_WITHIN);
        } finally {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.uri());
            try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
                ch.queueDelete(name);
                ch.exchangeDelete(name);
            }
        }
    }
}
