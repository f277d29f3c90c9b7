package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink against the broker under test: what is sent, what counts as published, what fails. */
class AmqpSinkTest {

    private TestBroker broker;
    private RawClient raw;
    private String exchange;
    private final List<Sink> sinks = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        broker = Brokers.get();
        raw = new RawClient(broker);
        exchange = "telltale-test-" + UUID.randomUUID();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Sink sink : sinks) {
            sink.close();
        }
        try {
            raw.channel().exchangeDelete(exchange);
        } catch (IOException e) {
            // Qpid refuses to delete an exchange that is not there; RabbitMQ does not mind
        } finally {
            raw.close();
        }
    }

    private Sink open(String... more) throws IOException {
        List<String> settings = new ArrayList<>(List.of("telltale.amqp.uri", broker.uri(), "telltale.amqp.exchange", exchange,
                "telltale.amqp.durable", "false", "telltale.amqp.confirm-timeout", "5s"));
        settings.addAll(List.of(more));
        Sink sink = new AmqpBackend().openSink(TestConfig.of(settings.toArray(String[]::new)));
        sinks.add(sink);
        return sink;
    }

    static Envelope envelope(String routingKey, String kind, Map<String, String> headers, String body) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(Envelope.KIND_HEADER, kind);
        return new Envelope(routingKey, all, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void publish_batch_isConfirmedAndArrivesWithPropertiesAndHeaders() throws Exception {
        Sink sink = open();
        String queue = raw.boundQueue(exchange, "#", null);
        List<Envelope> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(envelope("shop.orders." + i, "order.placed", Map.of("tenant", "acme"), "{\"i\":" + i + "}"));
        }

        assertSame(Sink.Outcome.ALL_PUBLISHED, sink.publish(batch));

        List<GetResponse> got = raw.drain(queue);
        assertEquals(50, got.size());
        for (int i = 0; i < 50; i++) {
            GetResponse r = got.get(i);
            assertEquals("shop.orders." + i, r.getEnvelope().getRoutingKey());
            assertArrayEquals(batch.get(i).payload(), r.getBody());
            AMQP.BasicProperties p = r.getProps();
            assertEquals("application/json", p.getContentType());
            assertEquals(2, p.getDeliveryMode());
            assertEquals("order.placed", p.getType());
            assertEquals("telltale", p.getAppId());
            assertNotNull(p.getTimestamp());
            Map<String, Object> h = p.getHeaders();
            assertEquals("acme", String.valueOf(h.get("tenant")));
            assertEquals("order.placed", String.valueOf(h.get("telltale-kind")));
            assertEquals("test-host", String.valueOf(h.get("telltale-host")));
            assertEquals(Long.toString(ProcessHandle.current().pid()), String.valueOf(h.get("telltale-pid")));
        }
    }

    @Test
    void publish_transientMode_sendsDeliveryMode1() throws Exception {
        Sink sink = open("telltale.amqp.delivery-mode", "transient");
        String queue = raw.boundQueue(exchange, "#", null);
        sink.publish(List.of(envelope("a", "k", Map.of(), "{}")));
        assertEquals(1, raw.drain(queue).get(0).getProps().getDeliveryMode());
    }

    @Test
    void publish_envelopeOverMaxMessageSize_isNotSentAndReportedTooLarge() throws Exception {
        Sink sink = open("telltale.amqp.max-message-size", "100");
        String queue = raw.boundQueue(exchange, "#", null);

        Sink.Outcome outcome = sink.publish(List.of(
                envelope("small.1", "k", Map.of(), "x".repeat(100)),
                envelope("big", "k", Map.of(), "x".repeat(101)),
                envelope("small.2", "k", Map.of(), "{}")));

        assertEquals(1, outcome.tooLarge());
        assertEquals(0, outcome.failed());
        assertTrue(outcome.reason().contains("telltale.amqp.max-message-size"), outcome.reason());
        List<String> keys = raw.drain(queue).stream().map(r -> r.getEnvelope().getRoutingKey()).toList();
        assertEquals(List.of("small.1", "small.2"), keys);
        assertSame(Sink.Outcome.ALL_PUBLISHED, sink.publish(List.of(envelope("after", "k", Map.of(), "{}"))));
    }

    @Test
    void publish_onlyTooLargeEnvelopes_sendsNothing() throws Exception {
        Sink sink = open("telltale.amqp.max-message-size", "10");
        String queue = raw.boundQueue(exchange, "#", null);
        assertEquals(2, sink.publish(List.of(envelope("a", "k", Map.of(), "x".repeat(11)),
                envelope("b", "k", Map.of(), "x".repeat(11)))).tooLarge());
        assertEquals(0, raw.drain(queue).size());
    }

    @Test
    void publish_brokerNacks_reportsThemAsFailed() throws Exception {
        Map<String, Object> arguments = broker.nackWhenFullArguments();
        assumeTrue(arguments != null, broker.name() + " has no queue that nacks when full");
        Sink sink = open();
        String queue = raw.boundQueue(exchange, "#", arguments);

        Sink.Outcome outcome = sink.publish(List.of(envelope("a", "k", Map.of(), "1"), envelope("b", "k", Map.of(), "2"),
                envelope("c", "k", Map.of(), "3")));

        assertEquals(0, outcome.tooLarge());
        assertEquals(2, outcome.failed());
        assertTrue(outcome.reason().contains("nacked"), outcome.reason());
        assertEquals(1, raw.drain(queue).size());
    }

    @Test
    void publish_noQueueBound_isConfirmedAsUnroutable() throws Exception {
        Sink sink = open();
        assertSame(Sink.Outcome.ALL_PUBLISHED, sink.publish(List.of(envelope("nobody.listens", "k", Map.of(), "{}"))));
    }

    @Test
    void publish_exchangeDeletedUnderneath_failsOnceThenRedeclaresIt() throws Exception {
        Sink sink = open();
        sink.publish(List.of(envelope("a", "k", Map.of(), "{}")));
        raw.channel().exchangeDelete(exchange);

        // publishing to a missing exchange closes the channel: the batch fails and is retried
        IOException failed = assertThrows(IOException.class, () -> sink.publish(List.of(envelope("b", "k", Map.of(), "{}"))));
        assertTrue(failed.getMessage().contains("127.0.0.1"), failed.getMessage());

        // the next batch gets a new channel, and the exchange back: otherwise it would fail again
        assertSame(Sink.Outcome.ALL_PUBLISHED, sink.publish(List.of(envelope("c", "k", Map.of(), "{}"))));
        String queue = raw.boundQueue(exchange, "#", null);
        assertSame(Sink.Outcome.ALL_PUBLISHED, sink.publish(List.of(envelope("d", "k", Map.of(), "{}"))));
        assertEquals(List.of("d"), raw.drain(queue).stream().map(r -> r.getEnvelope().getRoutingKey()).toList());
    }

    @Test
    void open_exchangeExistsWithOtherSettings_throwsNamingTheExchange() throws Exception {
        raw.channel().exchangeDeclare(exchange, "fanout", false);
        IOException e = assertThrows(IOException.class, this::open);
        assertTrue(e.getMessage().contains(exchange) && e.getMessage().contains("amqp://guest:****@127.0.0.1"),
                e.getMessage());
    }

    @Test
    void open_predefinedExchange_isUsedWithoutDeclaring() throws Exception {
        exchange = "amq.topic";
        Sink sink = open("telltale.amqp.durable", "true");
        String queue = raw.channel().queueDeclare().getQueue();
        raw.channel().queueBind(queue, "amq.topic", "telltale.test.#");
        sink.publish(List.of(envelope("telltale.test.x", "k", Map.of(), "{}")));
        assertEquals(1, raw.drain(queue).size());
        exchange = "telltale-test-unused"; // nothing to delete
    }

    @Test
    void close_isIdempotentAndPublishAfterwardsIsRefused() throws Exception {
        Sink sink = open();
        sink.close();
        sink.close();
        assertThrows(IllegalStateException.class, () -> sink.publish(List.of(envelope("a", "k", Map.of(), "{}"))));
        assertFalse(sink.toString().contains("guest:guest"), sink.toString());
    }

    @Test
    void open_nothingListening_throwsClearlyWithoutThePassword() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> new AmqpBackend().openSink(TestConfig.of(
                "telltale.amqp.uri", "amqp://app:s3cr3t-pw@127.0.0.1:" + port + "/%2F",
                "telltale.amqp.connection-timeout", "2s")));
        assertTrue(e.getMessage().contains("cannot connect to amqp://app:****@127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("is the broker running"), e.getMessage());
        assertFalse(stackText(e).contains("s3cr3t"), stackText(e));
    }

    @Test
    void open_wrongPassword_saysLoginRefusedWithoutThePassword() {
        String uri = broker.uri().replace("guest:guest", "guest:wr0ng-s3cr3t");
        IOException e = assertThrows(IOException.class, () -> new AmqpBackend().openSink(TestConfig.of(
                "telltale.amqp.uri", uri, "telltale.amqp.exchange", exchange)));
        assertTrue(e.getMessage().contains("refused the login of user 'guest'"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + broker.port()), e.getMessage());
        assertFalse(stackText(e).contains("wr0ng"), stackText(e));
        assertInstanceOf(IOException.class, e);
    }

    @Test
    void open_amqpsToAPlainPort_failsInTheTlsHandshake() {
        String uri = broker.uri().replace("amqp://guest:guest@", "amqps://guest:s3cr3t-pw@");
        IOException e = assertThrows(IOException.class, () -> new AmqpBackend().openSink(TestConfig.of(
                "telltale.amqp.uri", uri, "telltale.amqp.connection-timeout", "3s")));
        assertTrue(e.getMessage().startsWith("cannot connect to amqps://guest:****@127.0.0.1:" + broker.port()),
                e.getMessage());
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
        assertFalse(stackText(e).contains("s3cr3t"), stackText(e));
    }

    static String stackText(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
