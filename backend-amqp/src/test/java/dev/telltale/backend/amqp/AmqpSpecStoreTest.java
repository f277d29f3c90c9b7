package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import dev.telltale.tool.SpecStoreOpener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code amqp:} spec store against the machine's RabbitMQ (streams: Qpid has none). */
class AmqpSpecStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private TestBroker broker;
    private String name;
    private final List<SpecStore> stores = new ArrayList<>();

    @BeforeEach
    void rabbit() throws Exception {
        broker = Brokers.get();
        Assumptions.assumeTrue(broker.name().equals("rabbitmq"), "streams need RabbitMQ 3.9+");
        name = "telltale.test.specs-" + UUID.randomUUID();
    }

    @AfterEach
    void cleanUp() throws Exception {
        stores.forEach(SpecStore::close);
        if (name == null) {
            return; // the broker is not RabbitMQ: the test was skipped before it made anything
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.uri());
        try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
            ch.queueDelete(name);
            ch.exchangeDelete(name);
        }
    }

    private SpecStore open(String uri, Duration timeout) {
        SpecStore store = new AmqpSpecStoreProvider().open(uri,
                new SpecStoreOptions(timeout, Map.of("exchange", name, "queue", name, "max-age", "1D")));
        stores.add(store);
        return store;
    }

    @Test
    void putReportRemove_everyStoreOnTheStream_seesTheSameSpecsAndStatuses() throws Exception {
        SpecStore writer = open(broker.uri(), TIMEOUT);
        writer.put("a", "{\"id\":\"a\",\"v\":1}");
        writer.put("b", "{\"id\":\"b\"}");
        writer.put("a", "{\"id\":\"a\",\"v\":2}");
        writer.report("a", "web-1@h:1", "{\"status\":\"applied\"}");
        writer.report("b", "web-1@h:1", "{\"status\":\"failed\"}");
        writer.report("b", "web-2@h:2", "{\"status\":\"applied\"}");

        SpecStore late = open(broker.uri(), TIMEOUT);
        assertEquals(Map.of("a", "{\"id\":\"a\",\"v\":2}", "b", "{\"id\":\"b\"}"), late.specs(),
                "a store opened later reads the stream from its first offset");
        assertEquals(Map.of("a", Map.of("web-1@h:1", "{\"status\":\"applied\"}"),
                "b", Map.of("web-1@h:1", "{\"status\":\"failed\"}", "web-2@h:2", "{\"status\":\"applied\"}")),
                late.statuses());

        long before = writer.revision();
        late.remove("b");
        awaitSpecs(writer, Map.of("a", "{\"id\":\"a\",\"v\":2}"));
        assertNotEquals(before, writer.revision(), "the removal changed the revision");
        assertEquals(Map.of("a", Map.of("web-1@h:1", "{\"status\":\"applied\"}")), writer.statuses());
        assertEquals(Map.of("a", Map.of("web-1@h:1", "{\"status\":\"applied\"}")), open(broker.uri(), TIMEOUT).statuses(),
                "the tombstones fold the removed spec and its statuses away for a late reader too");
    }

    @Test
    @Timeout(120)
    void timeout_longestThereIs_asLongAsItTakes_putsReadsAndRemoves() throws Exception {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        Map<String, String> properties = Map.of("exchange", name, "queue", name, "max-age", "1D");
        SpecStore writer = SpecStoreOpener.open("amqp:" + broker.uri(), forever, properties);
        stores.add(writer);
        writer.put("a", "{\"id\":\"a\"}");
        writer.report("a", "web-1@h:1", "{\"status\":\"applied\"}");
        assertEquals(Map.of("a", "{\"id\":\"a\"}"), writer.specs());

        SpecStore late = SpecStoreOpener.open("amqp:" + broker.uri(), forever, properties);
        stores.add(late);
        assertEquals(Map.of("a", Map.of("web-1@h:1", "{\"status\":\"applied\"}")), late.statuses(),
                "a store opened later reads the stream to its end");
        late.remove("a");
        assertEquals(Map.of(), late.specs());
        awaitSpecs(writer, Map.of());
    }

    @Test
    void timeoutConversions_saturate_andNeverReachTheClientsZeroForForever() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, StreamLog.millis(forever));
        assertEquals(Long.MAX_VALUE / 2, StreamLog.nanos(forever));
        assertEquals(Long.MAX_VALUE / 2, StreamLog.nanos(Duration.ofDays(365L * 200)));
        assertEquals(5000, StreamLog.millis(TIMEOUT));
        assertEquals(5_000_000_000L, StreamLog.nanos(TIMEOUT));
        assertEquals(1, StreamLog.millis(Duration.ofNanos(1)), "0 ms would wait for confirms for ever");
        assertEquals(1, StreamLog.nanos(Duration.ofNanos(1)));
    }

    @Test
    void revision_staysWhileNothingChanges() throws Exception {
        SpecStore store = open(broker.uri(), TIMEOUT);
        store.put("a", "{}");
        store.specs();
        long revision = store.revision();
        assertEquals(revision, store.revision());
        store.report("a", "p", "{\"status\":\"applied\"}");
        store.report("a", "p", "{\"status\":\"applied\"}"); // the same: not written again
        awaitStatuses(store, Map.of("a", Map.of("p", "{\"status\":\"applied\"}")));
        assertNotEquals(revision, store.revision());
    }

    @Test
    void brokerUnreachable_callsFailWithinTheTimeout_thenRecoverAfterReconnecting() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy("127.0.0.1", broker.port(), Integer.MAX_VALUE)) {
            String viaProxy = "amqp://guest:secret-pw@127.0.0.1:" + proxy.port() + "/%2F";
            String direct = broker.uri();
            SpecStore store = open(viaProxy.replace("secret-pw", "guest"), Duration.ofSeconds(2));
            store.put("x", "{\"v\":1}");
            assertEquals(Map.of("x", "{\"v\":1}"), store.specs());

            proxy.refuse();
            proxy.cut();
            long start = System.nanoTime();
            IOException read = assertThrows(IOException.class, () -> awaitFailure(store));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
            assertTrue(read.getMessage().contains("127.0.0.1:" + proxy.port()), read.getMessage());
            assertThrows(IOException.class, () -> store.put("y", "{}"));

            open(direct, TIMEOUT).put("y", "{\"v\":2}"); // written by another process meanwhile
            proxy.allow();
            assertEquals(Map.of("x", "{\"v\":1}", "y", "{\"v\":2}"), store.specs(), "reconnected and read everything again");
        }
    }

    /** A cut connection is noticed by the client a little later; specs() answers until then. */
    private static void awaitFailure(SpecStore store) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (int i = 0; i < 1000 && System.nanoTime() < deadline; i++) {
            store.specs();
            Thread.sleep(10); // polling the client's view of its socket; nothing to wait on
        }
    }

    @Test
    void wrongPassword_failsNamingTheBrokerWithoutThePassword() {
        String uri = "amqp://guest:not-the-password@127.0.0.1:" + broker.port() + "/%2F";
        SpecStore store = open(uri, TIMEOUT);
        IOException e = assertThrows(IOException.class, store::specs);
        assertTrue(e.getMessage().contains("127.0.0.1:" + broker.port()), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        assertTrue(store.address().startsWith("amqp:") && !store.address().contains("not-the-password"), store.address());
    }

    @Test
    void nothingListening_failsWithIOExceptionWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SpecStore store = open("amqp://127.0.0.1:" + port, Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThrows(IOException.class, store::specs);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void provider_isFoundByScheme_andRefusesBadAddressesAndKeys() {
        SpecStoreProvider provider = ServiceLoader.load(SpecStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.scheme().equals("amqp")).findFirst().orElseThrow();
        assertInstanceOf(AmqpSpecStoreProvider.class, provider);
        assertThrows(IllegalArgumentException.class, () -> provider.open("http://x", SpecStoreOptions.of(TIMEOUT)));
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> provider.open("amqp://h", new SpecStoreOptions(TIMEOUT, Map.of("stream", "x"))));
        assertTrue(key.getMessage().contains("telltale.probe.store.amqp.stream"), key.getMessage());
        IllegalArgumentException age = assertThrows(IllegalArgumentException.class,
                () -> provider.open("amqp://h", new SpecStoreOptions(TIMEOUT, Map.of("max-age", "7 days"))));
        assertTrue(age.getMessage().contains("'7 days'"), age.getMessage());
    }

    private static void awaitSpecs(SpecStore store, Map<String, String> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, String> now = store.specs();
        for (int i = 0; i < 1000 && !now.equals(expected) && System.nanoTime() < deadline; i++) {
            Thread.sleep(10); // the consumer folds deliveries on its own thread
            now = store.specs();
        }
        assertEquals(expected, now);
    }

    private static void awaitStatuses(SpecStore store, Map<String, Map<String, String>> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Map<String, String>> now = store.statuses();
        for (int i = 0; i < 1000 && !now.equals(expected) && System.nanoTime() < deadline; i++) {
            Thread.sleep(10); // the consumer folds deliveries on its own thread
            now = store.statuses();
        }
        assertEquals(expected, now);
    }
}
