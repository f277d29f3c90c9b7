package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.GetResponse;
import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The broker is down when the application starts: emitting never blocks, the pipeline's first
 * connection is retried with backoff until the same URI answers, and then events get through
 * without anyone reopening anything.
 */
class BrokerDownAtStartTest {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final int BEFORE = 200;
    private static final int AFTER = 200;
    private static final Pattern EVENT = Pattern.compile("\"kind\":\"(before|after)\".*\"n\":(\\d+)");

    private long emitNanos;

    @Test
    void brokerDownAtStart_emitNeverBlocks_pipelineConnectsWhenItComesUp_countsBalance() throws Exception {
        TestBroker broker = Brokers.get();
        assumeTrue(broker.restartable(), broker + " cannot be stopped and started from here");
        String exchange = "telltale-test-down-" + UUID.randomUUID();
        String queue = exchange;
        declareQueue(broker, exchange, queue);
        try {
            broker.stop(BROKER_TIMEOUT);
            run(broker, exchange, queue);
        } finally {
            broker.ensureRunning();
            cleanUp(broker, exchange, queue);
        }
    }

    /** A durable queue bound to the exchange, declared as the sink declares it. */
    private static void declareQueue(TestBroker broker, String exchange, String queue) throws Exception {
        try (RawClient raw = new RawClient(broker)) {
            raw.channel().exchangeDeclare(exchange, "topic", true);
            raw.channel().queueDeclare(queue, true, false, false, null);
            raw.channel().queueBind(queue, exchange, "#");
        }
    }

    private static void cleanUp(TestBroker broker, String exchange, String queue) throws Exception {
        try (RawClient raw = new RawClient(broker)) {
            raw.channel().queueDelete(queue);
        } catch (java.io.IOException e) {
            // a test failure left it undeclared (the failure is reported, not this)
        }
        try (RawClient raw = new RawClient(broker)) {
            raw.channel().exchangeDelete(exchange);
        } catch (java.io.IOException e) {
            // Qpid refuses to delete what is not there
        }
    }

    private void run(TestBroker broker, String exchange, String queue) throws Exception {
        Telltale.Builder builder = Telltale.builder().backend("amqp").readEnvironment(false).shutdownHook(false)
                .healthInterval(Duration.ZERO).flushInterval(Duration.ofMillis(20)).flushTimeout(Duration.ofSeconds(5))
                .set("telltale.retry.backoff", "50ms").set("telltale.retry.max-backoff", "500ms")
                .set("telltale.amqp.uri", broker.uri()).set("telltale.amqp.exchange", exchange)
                .set("telltale.amqp.connection-timeout", "2s").set("telltale.amqp.confirm-timeout", "2s");
        try (Telltale telltale = builder.build()) {
            Emitter emitter = telltale.emitter("down.start");
            emit(emitter, "before", BEFORE);
            Await.until(() -> telltale.stats().droppedBackendError() > 0, STEP,
                    () -> "the first connection attempts to fail: " + telltale.stats());

            broker.start(BROKER_TIMEOUT);
            if (!broker.durableAcrossRestart()) {
                declareQueue(broker, exchange, queue); // Qpid here keeps nothing across a restart
            }
            emit(emitter, "after", AFTER);
            assertTrue(emitNanos < TimeUnit.SECONDS.toNanos(1),
                    (BEFORE + AFTER) + " events took " + emitNanos / 1_000_000 + "ms to emit: emit waited on the broker");

            Set<Integer> after = new TreeSet<>();
            Set<Integer> before = new TreeSet<>();
            try (RawClient raw = new RawClient(broker)) {
                Await.until(() -> receive(raw, queue, before, after) == AFTER, STEP,
                        () -> after.size() + " of the " + AFTER + " events emitted after the broker came up arrived; "
                                + telltale.stats());
                assertTrue(telltale.flush(Duration.ofSeconds(30)), "flush: " + telltale.stats());
                PipelineStats stats = telltale.stats();
                receive(raw, queue, before, after);

                assertEquals(BEFORE + AFTER, stats.offered(), stats.toString());
                assertEquals(0, stats.pending(), stats.toString());
                assertEquals(stats.offered(), stats.published() + stats.dropped(), stats.toString());
                assertEquals(stats.dropped(), stats.droppedBackendError(), stats.toString());
                assertTrue(stats.published() >= AFTER, stats.toString());
                // a durable queue: what the broker confirmed is there (more only if a confirm came too late)
                assertTrue(before.size() + after.size() >= stats.published(),
                        before.size() + " + " + after.size() + " received, " + stats);
            }
        }
    }

    private void emit(Emitter emitter, String kind, int n) {
        for (int i = 1; i <= n; i++) {
            long start = System.nanoTime();
            emitter.emit(kind, Map.of("n", i));
            emitNanos += System.nanoTime() - start;
        }
    }

    /** Takes what is in the queue into {@code before} and {@code after}; returns the size of {@code after}. */
    private static int receive(RawClient raw, String queue, Set<Integer> before, Set<Integer> after) {
        try {
            for (GetResponse response : raw.drain(queue)) {
                Matcher m = EVENT.matcher(new String(response.getBody(), StandardCharsets.UTF_8));
                assertTrue(m.find(), () -> new String(response.getBody(), StandardCharsets.UTF_8));
                (m.group(1).equals("before") ? before : after).add(Integer.parseInt(m.group(2)));
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("reading queue " + queue, e);
        }
        return after.size();
    }
}
