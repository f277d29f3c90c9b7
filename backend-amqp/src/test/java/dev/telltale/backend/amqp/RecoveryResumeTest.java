package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After the broker comes back, publishing resumes as soon as the client has reconnected (within
 * {@code recovery-interval} of the broker's return), not when the pipeline's backoff happens to
 * end: the backoff here is ten minutes, far beyond the wait allowed.
 */
@Timeout(300)
class RecoveryResumeTest {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void brokerBack_publishingResumesWithinTheRecoveryInterval_notWhenThePipelinesBackoffEnds() throws Exception {
        TestBroker broker = Brokers.get();
        assumeTrue(broker.restartable(), broker + " cannot be stopped and started from here");
        String exchange = "telltale-test-resume-" + UUID.randomUUID();
        try (RawClient raw = new RawClient(broker)) {
            raw.channel().exchangeDeclare(exchange, "topic", true);
        }
        Telltale.Builder builder = Telltale.builder().backend("amqp").readEnvironment(false).shutdownHook(false)
                .healthInterval(Duration.ZERO).flushInterval(Duration.ofMillis(20)).flushTimeout(Duration.ofSeconds(5))
                .set("telltale.retry.attempts", "1000").set("telltale.retry.backoff", "10m")
                .set("telltale.retry.max-backoff", "10m")
                .set("telltale.amqp.uri", broker.uri()).set("telltale.amqp.exchange", exchange)
                .set("telltale.amqp.recovery-interval", RECOVERY_INTERVAL.toMillis() + "ms")
                .set("telltale.amqp.connection-timeout", CONNECTION_TIMEOUT.toMillis() + "ms")
                .set("telltale.amqp.confirm-timeout", "2s");
        try (LogCapture log = new LogCapture(); Telltale telltale = builder.build()) {
            Emitter emitter = telltale.emitter("resume");
            emitter.emit("before", Map.of("n", 1));
            Await.until(() -> telltale.stats().published() == 1, STEP, () -> "the first event: " + telltale.stats());

            broker.stop(BROKER_TIMEOUT);
            emitter.emit("during", Map.of("n", 2));
            Await.until(() -> !log.messages(Level.WARNING).isEmpty(), STEP,
                    () -> "the publish during the outage to fail (and the 10 minute backoff to begin): " + log.all());

            broker.start(BROKER_TIMEOUT);
            // the client tries again at most one recovery interval after the broker's return; that attempt
            // may have begun just before it and wait out a connect and a handshake; then some slack for a
            // loaded machine
            Duration bound = RECOVERY_INTERVAL.plus(CONNECTION_TIMEOUT.multipliedBy(2)).plusSeconds(2);
            Await.until(() -> telltale.stats().published() == 2, bound,
                    () -> "publishing to resume within " + bound + " of the broker's return: " + telltale.stats());
            PipelineStats stats = telltale.stats();
            assertEquals(stats.offered(), stats.published() + stats.dropped() + stats.pending(), stats.toString());
        } finally {
            broker.ensureRunning();
            try (RawClient raw = new RawClient(broker)) {
                raw.channel().exchangeDelete(exchange);
            }
        }
    }
}
