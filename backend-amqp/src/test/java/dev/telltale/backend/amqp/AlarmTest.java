package dev.telltale.backend.amqp;

import static dev.telltale.backend.amqp.AmqpSinkTest.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker blocks publishers (a resource alarm) in the middle of a stream: publishing fails
 * within the bounds the sink promises, instead of hanging the publisher thread, and resumes
 * once the alarm clears.
 */
class AlarmTest {

    private static final long CONFIRM_MILLIS = 1000;

    @Test
    @Timeout(120)
    void resourceAlarm_publishFailsWithinItsBound_andResumesWhenCleared() throws Exception {
        TestBroker broker = Brokers.get();
        assumeTrue(broker.alarms(), broker + ": no resource alarm can be raised from here");
        String exchange = "telltale-test-" + UUID.randomUUID();
        List<Envelope> batch = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            batch.add(envelope("alarm.test", "k", Map.of(), "x".repeat(500))); // 3 MB, 18,000 frames: more than the socket and the client's write queue hold
        }
        Sink sink = new AmqpBackend().openSink(TestConfig.of("telltale.amqp.uri", broker.uri(),
                "telltale.amqp.exchange", exchange, "telltale.amqp.durable", "false",
                "telltale.amqp.confirm-timeout", CONFIRM_MILLIS + "ms", "telltale.amqp.recovery-interval", "200ms"));
        try (RawClient raw = new RawClient(broker)) {
            String queue = raw.boundQueue(exchange, "#", null);
            assertEquals(Sink.Outcome.ALL_PUBLISHED, sink.publish(batch.subList(0, 10)));
            try {
                broker.resourceAlarm(true);
                for (int attempt = 0; attempt < 3; attempt++) {
                    long start = System.nanoTime();
                    IOException e = assertThrows(IOException.class, () -> sink.publish(batch));
                    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    // every wait in publish is bounded by the confirm timeout: sending, then confirms
                    assertTrue(took < 2 * CONFIRM_MILLIS + 1000, "publish took " + took + "ms: " + e.getMessage());
                    System.out.println("under the alarm, publish failed after " + took + "ms: " + e.getMessage());
                }
            } finally {
                broker.resourceAlarm(false);
            }
            raw.drain(queue);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Sink.Outcome outcome = null;
            while (outcome == null && System.nanoTime() - deadline < 0) {
                try {
                    outcome = sink.publish(List.of(envelope("alarm.after", "k", Map.of(), "{}")));
                } catch (IOException stillRecovering) {
                    Thread.sleep(100); // the pipeline's backoff, in short
                }
            }
            assertEquals(Sink.Outcome.ALL_PUBLISHED, outcome);
            assertTrue(raw.drain(queue).stream().anyMatch(r -> r.getEnvelope().getRoutingKey().equals("alarm.after")));
            raw.channel().exchangeDelete(exchange);
        } finally {
            sink.close();
        }
    }
}
