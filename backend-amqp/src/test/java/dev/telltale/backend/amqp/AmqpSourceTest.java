package dev.telltale.backend.amqp;

import static dev.telltale.backend.amqp.AmqpSinkTest.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.Await;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.spi.TopicPattern;
import dev.telltale.tool.BackendSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The consuming side against the broker under test, fed by the sink. */
class AmqpSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long to wait for a message that must not come. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private TestBroker broker;
    private RawClient raw;
    private String exchange;
    private BackendConfig config;
    private Sink sink;
    private final List<Source> sources = new ArrayList<>();
    private final List<String> namedQueues = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        broker = Brokers.get();
        raw = new RawClient(broker);
        exchange = "telltale-test-" + UUID.randomUUID();
        config = TestConfig.of("telltale.amqp.uri", broker.uri(), "telltale.amqp.exchange", exchange,
                "telltale.amqp.durable", "false");
        sink = new AmqpBackend().openSink(config);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Source source : sources) {
            source.close();
        }
        sink.close();
        for (String queue : namedQueues) {
            raw.channel().queueDelete(queue);
        }
        try {
            raw.channel().exchangeDelete(exchange + Topology.HEADERS_SUFFIX);
            raw.channel().exchangeDelete(exchange);
        } catch (IOException e) {
            // Qpid refuses to delete what is not there
        } finally {
            raw.close();
        }
    }

    private AmqpSource open(List<String> patterns, Map<String, String> options) throws IOException {
        Map<String, String> all = new HashMap<>(broker.queueOptions());
        all.putAll(options);
        Source source;
        try {
            source = BackendSources.open(new AmqpBackend(), config,
                    new Subscription(patterns.stream().map(TopicPattern::of).toList(), all));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        sources.add(source);
        return (AmqpSource) source;
    }

    private void publish(String... routingKeys) throws Exception {
        List<Envelope> batch = new ArrayList<>();
        for (String key : routingKeys) {
            batch.add(envelope(key, "test", Map.of(), "{\"key\":\"" + key + "\"}"));
        }
        assertEquals(Sink.Outcome.ALL_PUBLISHED, sink.publish(batch));
    }

    /** Polls until {@code n} envelopes came, then makes sure no more come for a moment. */
    private static List<Envelope> receive(Source source, int n) throws Exception {
        List<Envelope> got = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got.size() < n && System.nanoTime() - deadline < 0) {
            Envelope e = source.poll(Duration.ofMillis(200));
            if (e != null) {
                got.add(e);
            }
        }
        Envelope extra = source.poll(QUIET);
        if (extra != null) {
            got.add(extra);
        }
        return got;
    }

    private static List<String> keys(List<Envelope> envelopes) {
        return envelopes.stream().map(Envelope::routingKey).toList();
    }

    @Test
    void routingKeyPatterns_deliverWhatTheyMatch() throws Exception {
        Source source = open(List.of("*", "a.#.b"), Map.of());
        publish("x", "x.y", "a.b", "a.q.r.b", "a.b.c", "", "b");

        List<Envelope> got = receive(source, 4);

        assertEquals(List.of("x", "a.b", "a.q.r.b", "b"), keys(got));
        Envelope first = got.get(0);
        assertEquals("{\"key\":\"x\"}", new String(first.payload(), StandardCharsets.UTF_8));
        assertEquals("test", first.headers().get(Envelope.KIND_HEADER));
        assertEquals("test-host", first.headers().get(AmqpSink.HOST_HEADER));
        assertEquals(Long.toString(ProcessHandle.current().pid()), first.headers().get(AmqpSink.PID_HEADER));
        assertTrue(source.position().startsWith("queue '"), source.position());
    }

    @Test
    void noPatterns_deliverEverything() throws Exception {
        Source source = open(List.of(), Map.of());
        assertEquals("", source.position());
        publish("x", "", "a.b.c", "a..b");
        assertEquals(List.of("x", "", "a.b.c", "a..b"), keys(receive(source, 4)));
    }

    private void publishTenants() throws Exception {
        assertEquals(Sink.Outcome.ALL_PUBLISHED, sink.publish(List.of(
                envelope("k.1", "test", Map.of("tenant", "acme", "region", "eu"), "{}"),
                envelope("k.2", "test", Map.of("tenant", "acme", "region", "us"), "{}"),
                envelope("k.3", "test", Map.of("tenant", "other", "region", "eu"), "{}"),
                envelope("k.4", "test", Map.of(), "{}"))));
    }

    @Test
    void headerBindings_all_needEveryHeader() throws Exception {
        AmqpSource source = open(List.of(), Map.of("headers", "tenant=acme,region=eu", "x-match", "all"));
        assertEquals(!broker.exchangeBindings(), source.matchesHeadersLocally(), source.toString());
        publishTenants();
        assertEquals(List.of("k.1"), keys(receive(source, 1)));
    }

    @Test
    void headerBindings_any_needOneHeader() throws Exception {
        AmqpSource source = open(List.of(), Map.of("headers", "tenant=acme,region=eu", "x-match", "any"));
        publishTenants();
        assertEquals(List.of("k.1", "k.2", "k.3"), keys(receive(source, 3)));
    }

    @Test
    void headerBindingsWithPatterns_needBoth() throws Exception {
        Source source = open(List.of("*.2", "*.3"), Map.of("headers", "tenant=acme"));
        publishTenants();
        assertEquals(List.of("k.2"), keys(receive(source, 1)));
    }

    @Test
    void headersExchange_bindsByHeadersOnTheBroker() throws Exception {
        sink.close();
        raw.channel().exchangeDelete(exchange);
        exchange = "telltale-test-" + UUID.randomUUID();
        config = TestConfig.of("telltale.amqp.uri", broker.uri(), "telltale.amqp.exchange", exchange,
                "telltale.amqp.durable", "false", "telltale.amqp.exchange-type", "headers");
        sink = new AmqpBackend().openSink(config);
        AmqpSource source = open(List.of(), Map.of("headers", "region=eu"));
        assertFalse(source.matchesHeadersLocally());
        publishTenants();
        assertEquals(List.of("k.1", "k.3"), keys(receive(source, 2)));
    }

    @Test
    void namedQueue_keepsMessagesAndAcknowledgesOnlyWhatWasHandedOn() throws Exception {
        String queue = "telltale-test-" + UUID.randomUUID();
        namedQueues.add(queue);
        Source first = open(List.of(), Map.of("queue", queue, "prefetch", "10"));
        first.close(); // the queue stays, and keeps what is published meanwhile
        publish("m.1", "m.2", "m.3", "m.4", "m.5");

        Source second = open(List.of(), Map.of("queue", queue, "prefetch", "10"));
        Envelope one = second.poll(WAIT);
        assertEquals("m.1", one.routingKey());
        assertTrue(second.position().contains(queue), second.position());
        second.close(); // m.1 was handed on: acknowledged; the rest go back to the queue

        Source third = open(List.of(), Map.of("queue", queue));
        assertEquals(List.of("m.2", "m.3", "m.4", "m.5"), keys(receive(third, 4)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void namedQueue_theEnvelopeLastReturnedStaysUnacknowledgedUntilTheCallerComesBack(int prefetch) throws Exception {
        String queue = "telltale-test-" + UUID.randomUUID();
        namedQueues.add(queue);
        open(List.of(), Map.of("queue", queue)).close();
        publish("m.1", "m.2", "m.3", "m.4", "m.5");

        AmqpSource source = open(List.of(), Map.of("queue", queue, "prefetch", Integer.toString(prefetch)));
        assertEquals("m.1", source.poll(WAIT).routingKey());
        assertEquals("m.2", source.poll(WAIT).routingKey()); // came back for m.1: it may be acknowledged now
        source.abortConnection(); // gone without coming back for m.2, as a killed process

        Map<String, Boolean> left = new java.util.TreeMap<>(); // routing key -> redelivered
        for (com.rabbitmq.client.GetResponse response : raw.drain(queue)) {
            left.put(response.getEnvelope().getRoutingKey(), response.getEnvelope().isRedeliver());
        }
        // m.1 handed on and acknowledged; m.2 returned but not handed on, so back in the queue
        assertEquals(List.of("m.2", "m.3", "m.4", "m.5"), List.copyOf(left.keySet()), left.toString());
        assertTrue(left.get("m.2"), "m.2 delivered before: " + left);
    }

    @Test
    void unwantedDeliveriesWithoutPause_pollStillReturnsAtItsTimeout() throws Exception {
        // a fanout exchange routes everything to the queue: the source itself drops what the patterns refuse
        sink.close();
        raw.channel().exchangeDelete(exchange);
        exchange = "telltale-test-" + UUID.randomUUID();
        config = TestConfig.of("telltale.amqp.uri", broker.uri(), "telltale.amqp.exchange", exchange,
                "telltale.amqp.durable", "false", "telltale.amqp.exchange-type", "fanout");
        sink = new AmqpBackend().openSink(config);
        // many patterns make each refusal take a while, so that deliveries come in faster than they are
        // refused and the source never finds its local queue empty
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            patterns.add("#.w.#.wanted" + i);
        }
        Source source = open(patterns, Map.of("prefetch", "2000"));
        String unwanted = String.join(".", java.util.Collections.nCopies(100, "w"));
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        Thread flood = new Thread(() -> {
            try (RawClient publisher = new RawClient(broker)) {
                while (flooding.get() && published.get() < 10_000_000) {
                    publisher.channel().basicPublish(exchange, unwanted, null, new byte[0]);
                    published.incrementAndGet();
                }
            } catch (Exception e) {
                if (flooding.get()) {
                    throw new IllegalStateException(e);
                }
            }
        }, "test-flood");
        flood.setDaemon(true);
        flood.start();
        try {
            Await.until(() -> published.get() >= 20_000, WAIT, () -> published + " published");
            CompletableFuture<Long> polling = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try {
                    assertNull(source.poll(Duration.ofMillis(200)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return System.nanoTime() - start;
            });
            long took = polling.get(2, TimeUnit.SECONDS);
            assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(200), took + "ns");
        } finally {
            flooding.set(false);
            source.close(); // ends a poll that did not stop by itself
            flood.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Test
    void privateQueue_isGoneAfterClose() throws Exception {
        AmqpSource source = open(List.of(), Map.of());
        String queue = source.toString().replaceAll(".*queue '([^']*)'.*", "$1");
        source.close();
        try (RawClient other = new RawClient(broker)) {
            IOException e = assertThrows(IOException.class, () -> other.channel().queueDeclarePassive(queue));
            assertTrue(String.valueOf(Connections.closeReason(e)).startsWith("404"), String.valueOf(Connections.closeReason(e)));
        }
    }

    @Test
    void queueDeletedUnderTheMonitor_pollThrows() throws Exception {
        assumeTrue(broker.cancelsConsumers(), broker.name() + " does not tell consumers their queue was deleted");
        String queue = "telltale-test-" + UUID.randomUUID();
        Source source = open(List.of(), Map.of("queue", queue));
        raw.channel().queueDelete(queue);
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 50; i++) {
                source.poll(Duration.ofMillis(200));
            }
        });
        assertTrue(e.getMessage().contains(queue), e.getMessage());
    }

    @Test
    void refusedQueueArguments_throwNamingTheBrokerAndTheArguments() {
        IOException e = assertThrows(IOException.class,
                () -> open(List.of(), Map.of("queue-arguments", "x-message-ttl=soon")));
        assertTrue(e.getMessage().contains("amqp://guest:****@127.0.0.1:" + broker.port()), e.getMessage());
        assertTrue(e.getMessage().contains("x-message-ttl=soon"), e.getMessage());
        assertTrue(e.getMessage().contains("message-ttl=0"), e.getMessage());
    }

    @Test
    void badOptions_throwBeforeConnecting() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> open(List.of(), Map.of("bogus", "1")));
        assertTrue(unknown.getMessage().contains("bogus"), unknown.getMessage());
        BackendConfig direct = TestConfig.of("telltale.amqp.uri", broker.uri(), "telltale.amqp.exchange-type", "direct");
        IllegalArgumentException noKeys = assertThrows(IllegalArgumentException.class,
                () -> BackendSources.open(new AmqpBackend(), direct, Subscription.all()));
        assertTrue(noKeys.getMessage().contains("direct"), noKeys.getMessage());
        IllegalArgumentException wildcard = assertThrows(IllegalArgumentException.class, () -> BackendSources
                .open(new AmqpBackend(), direct, new Subscription(List.of(TopicPattern.of("a.*")), Map.of())));
        assertTrue(wildcard.getMessage().contains("a.*"), wildcard.getMessage());
        assertInstanceOf(IllegalArgumentException.class, unknown);
    }
}
