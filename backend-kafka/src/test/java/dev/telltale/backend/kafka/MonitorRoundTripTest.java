package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.context.Context;
import dev.telltale.monitor.CollatedObject;
import dev.telltale.monitor.Monitor;
import dev.telltale.monitor.MonitorOptions;
import dev.telltale.monitor.MonitorStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contexts published through the Kafka backend and collated by the monitor library, as {@code
 * ./telltale monitor --backend kafka -r 'orders.#' -c --from earliest} does: the routing-key
 * patterns filter on the client, the record key keeps each context's messages in order.
 */
@Timeout(120)
class MonitorRoundTripTest {

    @Test
    void contexts_roundTripThroughTheMonitor_filteredByRoutingKey() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.newTopic("monitor");
        try (Telltale telltale = Pipelines.builder(cluster.bootstrapServers(), topic).build()) {
            for (int n = 0; n < 20; n++) {
                try (Context ctx = Context.builder().telltale(telltale).name(n % 4 == 0 ? "audit.login" : "orders.placed")
                        .id("c" + n).fields(Map.of("n", n)).start()) {
                    ctx.set("state", "paid");
                    ctx.set("state", "shipped");
                }
            }
            assertTrue(telltale.flush(Duration.ofSeconds(30)));
        }
        MonitorOptions options = MonitorOptions.builder().backend("kafka")
                .set("telltale.kafka.bootstrap.servers", cluster.bootstrapServers()).set("telltale.kafka.topic", topic)
                .option("from", "earliest").patterns("orders.#").build();
        Map<String, CollatedObject> seen = new TreeMap<>();
        try (MonitorStream<CollatedObject> objects = Monitor.objects(options)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < 15 && System.nanoTime() < deadline) {
                CollatedObject o = objects.poll(Duration.ofMillis(200));
                if (o != null) {
                    seen.put(o.id(), o);
                }
            }
            assertEquals(0, objects.counts().malformed());
        }
        assertEquals(15, seen.size(), seen.keySet().toString());
        for (int n = 0; n < 20; n++) {
            CollatedObject o = seen.get("c" + n);
            if (n % 4 == 0) {
                assertEquals(null, o, "audit.login is filtered out");
                continue;
            }
            assertEquals(CollatedObject.Status.FINISHED, o.status());
            assertTrue(o.complete(), o.toString());
            assertEquals(Map.of("n", (long) n, "state", "shipped"), o.fields(), "applied in order");
            assertEquals(Set.of(), Set.copyOf(o.gaps()));
        }
    }
}
