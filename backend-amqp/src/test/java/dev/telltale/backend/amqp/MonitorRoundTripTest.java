package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.context.Context;
import dev.telltale.monitor.CollatedObject;
import dev.telltale.monitor.Monitor;
import dev.telltale.monitor.MonitorOptions;
import dev.telltale.monitor.MonitorStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contexts published through the AMQP backend and put back together by the monitor library, as
 * {@code ./telltale monitor --backend amqp -r 'shop.#' -a tenant=acme -x all -c} does: the
 * broker's routing-key and header bindings choose what arrives, the monitor collates it.
 */
@Timeout(60)
class MonitorRoundTripTest {

    private TestBroker broker;
    private String exchange;

    @BeforeEach
    void broker() throws Exception {
        broker = Brokers.get();
        exchange = "telltale-monitor-" + UUID.randomUUID();
    }

    @AfterEach
    void cleanUp() {
        try (RawClient raw = new RawClient(broker)) {
            raw.channel().exchangeDelete(exchange);
        } catch (Exception e) {
            // Qpid refuses to delete what is not there
        }
    }

    @Test
    void contexts_roundTripThroughTheMonitor_withRoutingKeyAndHeaderBindings() throws Exception {
        MonitorOptions.Builder options = MonitorOptions.builder().backend("amqp")
                .set("telltale.amqp.uri", broker.uri()).set("telltale.amqp.exchange", exchange)
                .set("telltale.amqp.durable", "false")
                .patterns("shop.#").option("headers", "tenant=acme").option("x-match", "all");
        broker.queueOptions().forEach(options::option);
        try (MonitorStream<CollatedObject> objects = Monitor.objects(options.build());
                Telltale telltale = Telltale.builder().backend("amqp").readEnvironment(false).shutdownHook(false)
                        .set("telltale.amqp.uri", broker.uri()).set("telltale.amqp.exchange", exchange)
                        .set("telltale.amqp.durable", "false").healthInterval(Duration.ZERO)
                        .flushInterval(Duration.ofMillis(20)).build()) {
            context(telltale, "shop.orders", "a1", "acme", 3);
            context(telltale, "shop.catalog.search", "a2", "acme", 1);
            context(telltale, "shop.orders", "b1", "other", 2);   // header binding leaves it out
            context(telltale, "billing.invoices", "a3", "acme", 2); // routing key leaves it out
            Context.builder().telltale(telltale).name("shop.settlement").id("t1")
                    .headers(Map.of("tenant", "acme")).fields(Map.of("orders", 7)).publish();
            assertTrue(telltale.flush(Duration.ofSeconds(10)));

            Map<String, CollatedObject> seen = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen.size() < 3 && System.nanoTime() < deadline) {
                CollatedObject o = objects.poll(Duration.ofMillis(200));
                if (o != null) {
                    seen.put(o.id(), o);
                }
            }
            assertEquals(java.util.Set.of("a1", "a2", "t1"), seen.keySet(), seen.toString());
            CollatedObject a1 = seen.get("a1");
            assertEquals(CollatedObject.Status.FINISHED, a1.status());
            assertTrue(a1.complete(), a1.toString());
            assertEquals(Map.of("step", 3L, "tenant", "acme"), a1.fields());
            assertEquals(5, a1.messages(), "born, three updates, finished");
            assertEquals("acme", a1.headers().get("tenant"));
            assertEquals(CollatedObject.Status.TRANSIENT, seen.get("t1").status());
            assertNull(objects.poll(Duration.ofMillis(500)), "nothing else arrives");
            assertEquals(0, objects.counts().malformed());
        }
    }

    private static void context(Telltale telltale, String name, String id, String tenant, int steps) throws IOException {
        try (Context ctx = Context.builder().telltale(telltale).name(name).id(id).headers(Map.of("tenant", tenant))
                .fields(Map.of("tenant", tenant)).start()) {
            for (int i = 1; i <= steps; i++) {
                ctx.set("step", i);
            }
        }
    }
}
