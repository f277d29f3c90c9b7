package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.Await;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.PartialPublishException;
import dev.telltale.spi.Sink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch the broker partly confirmed before the connection dropped: only the unconfirmed
 * messages are sent again and, when they cannot be, counted as lost. The connection goes through
 * a {@link CuttingProxy} that lets the first {@value #THROUGH} messages reach the broker, relays
 * their confirms, holds back the rest, and then cuts the connection.
 */
@Timeout(120)
class PartialConfirmTest {

    private static final int BATCH = 100;
    private static final int THROUGH = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestBroker broker;
    private RawClient raw;
    private CuttingProxy proxy;
    private String exchange;
    private String queue;

    @BeforeEach
    void setUp() throws Exception {
        broker = Brokers.get();
        raw = new RawClient(broker);
        proxy = new CuttingProxy("127.0.0.1", broker.port(), THROUGH);
        exchange = "telltale-test-partial-" + UUID.randomUUID();
        raw.channel().exchangeDeclare(exchange, "topic", true);
        queue = raw.boundQueue(exchange, "#", null);
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        try {
            raw.channel().exchangeDelete(exchange);
        } finally {
            raw.close();
        }
    }

    private Map<String, String> settings() {
        String direct = broker.uri();
        String proxied = direct.replace(":" + broker.port() + "/", ":" + proxy.port() + "/");
        assertNotEquals(direct, proxied, "the URI names the broker's port");
        // a confirm timeout longer than the test needs to cut: the cut, not the timeout, ends the wait
        return Map.of("telltale.amqp.uri", proxied, "telltale.amqp.exchange", exchange,
                "telltale.amqp.confirm-timeout", "60s", "telltale.amqp.recovery-interval", "200ms",
                "telltale.amqp.connection-timeout", "2s");
    }

    @Test
    void connectionCutAfterSomeConfirms_publishSettlesTheConfirmed_andTheRestIsSentOnceAfterRecovery() throws Exception {
        Sink sink = new AmqpBackend().openSink(TestConfig.of(settings()));
        try {
            List<Envelope> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(new Envelope("partial.e" + i, Map.of(Envelope.KIND_HEADER, "tick"),
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture<Sink.Outcome> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return sink.publish(batch);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Await.until(() -> proxy.ackedThrough() >= THROUGH, WAIT, () -> "the broker's confirms of the first "
                    + THROUGH + " messages, relayed: through " + proxy.ackedThrough());
            proxy.cut();

            Throwable failure = assertThrowsCompletion(first);
            PartialPublishException partial = assertInstanceOf(PartialPublishException.class, failure);
            BitSet expected = new BitSet();
            expected.set(0, THROUGH);
            assertEquals(expected, partial.settled(), partial.getMessage());
            assertEquals(Sink.Outcome.ALL_PUBLISHED.refused(), partial.outcome().refused());

            // the client reconnects through the proxy (now relaying everything); the rest goes once
            Await.until(sink::readyToRetry, WAIT, () -> "the connection to recover");
            assertEquals(Sink.Outcome.ALL_PUBLISHED, sink.publish(batch.subList(THROUGH, BATCH)));
        } finally {
            sink.close();
        }
        assertEquals(expectedBodies(BATCH), bodies(raw.drain(queue)), "every message exactly once");
    }

    @ParameterizedTest(name = "broker reachable again: {0}")
    @ValueSource(booleans = {true, false})
    void pipeline_batchPartlyConfirmedThenCut_countsMatchTheQueueExactly(boolean reachableAgain) throws Exception {
        Telltale.Builder builder = Telltale.builder().backend("amqp").readEnvironment(false).shutdownHook(false)
                .healthInterval(Duration.ZERO).flushInterval(Duration.ofHours(1)).flushTimeout(Duration.ofSeconds(5))
                .set("telltale.batch.size", Integer.toString(BATCH))
                // reachable again: attempts enough to outlast the reconnection; not: few, to end soon
                .set("telltale.retry.attempts", reachableAgain ? "100" : "3").set("telltale.retry.backoff", "50ms")
                .set("telltale.retry.max-backoff", "200ms");
        settings().forEach(builder::set);
        PipelineStats stats;
        try (Telltale telltale = builder.build()) {
            Emitter emitter = telltale.emitter("partial");
            for (int i = 0; i < BATCH; i++) {
                emitter.emit("tick", Map.of("n", i));
            }
            Await.until(() -> proxy.ackedThrough() >= THROUGH, WAIT, () -> "the broker's confirms of the first "
                    + THROUGH + " messages, relayed: through " + proxy.ackedThrough() + "; " + telltale.stats());
            if (!reachableAgain) {
                proxy.refuse();
            }
            proxy.cut();
            assertTrue(telltale.flush(WAIT), telltale.stats().toString());
            stats = telltale.stats();
        }
        assertEquals(BATCH, stats.offered(), stats.toString());
        assertEquals(stats.offered(), stats.published() + stats.dropped() + stats.pending(), stats.toString());
        assertEquals(0, stats.pending(), stats.toString());
        assertEquals(reachableAgain ? BATCH : THROUGH, stats.published(), stats.toString());
        assertEquals(reachableAgain ? 0 : BATCH - THROUGH, stats.droppedBackendError(), stats.toString());
        List<GetResponse> delivered = raw.drain(queue);
        assertEquals(stats.published(), delivered.size(), "the queue bound with '#' holds what was published: " + stats);
        assertEquals(delivered.size(), bodies(delivered).size(), "no message twice");
    }

    private static Throwable assertThrowsCompletion(CompletableFuture<?> future) throws Exception {
        try {
            Object result = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("publish succeeded after the cut: " + result);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    private static Set<String> expectedBodies(int n) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            out.add("{\"n\":" + i + "}");
        }
        return out;
    }

    /** The distinct bodies of {@code messages}, failing on a duplicate. */
    private static Set<String> bodies(List<GetResponse> messages) {
        Set<String> out = new HashSet<>();
        for (GetResponse m : messages) {
            String body = new String(m.getBody(), StandardCharsets.UTF_8);
            assertTrue(out.add(body), "delivered twice: " + body);
        }
        return out;
    }
}
