package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.Telltale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Kafka broker goes away and comes back while the command line's logging configuration is in
 * place: standard error gets Telltale's line for the outage and its line for the recovery, and at
 * most a few lines from the Kafka client (which logs a WARN for every reconnect attempt).
 */
@Timeout(180)
class KafkaOutageLoggingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** What the Kafka client may still print for one outage; before, it printed one line a second. */
    private static final int MOST_CLIENT_LINES = 2;

    private static KafkaClusterTestKit kit;

    @BeforeAll
    static void startKafka() throws Exception {
        // not combined: the broker stops and starts while the controller stays
        kit = InProcessKafka.start(false, Map.of("num.partitions", "1",
                "broker.session.timeout.ms", "3000", "broker.heartbeat.interval.ms", "500"));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    /** What reaches the console handler: every record the loggers' levels let through, with its thread. */
    private static final class Console extends Handler implements AutoCloseable {
        private record Line(String logger, Level level, String message, String thread) {}

        private final List<Line> lines = new ArrayList<>();

        Console() {
            setLevel(Level.ALL);
            Logger.getLogger("").addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            lines.add(new Line(r.getLoggerName(), r.getLevel(), r.getMessage(), Thread.currentThread().getName()));
        }

        /** How many lines came so far: a mark to count from. */
        synchronized int mark() {
            return lines.size();
        }

        /** Lines since {@code mark} of the Kafka client that publishes (not of the broker in this JVM). */
        synchronized List<Line> producerLines(int mark) {
            return lines.subList(mark, lines.size()).stream()
                    .filter(l -> String.valueOf(l.logger()).startsWith("org.apache.kafka"))
                    .filter(l -> l.thread().startsWith("kafka-producer-network-thread") || l.thread().equals("telltale-publisher"))
                    .toList();
        }

        /** Telltale's lines at {@code level} containing {@code text}, since {@code mark}. */
        synchronized long telltale(int mark, Level level, String text) {
            return lines.subList(mark, lines.size()).stream()
                    .filter(l -> String.valueOf(l.logger()).startsWith("dev.telltale"))
                    .filter(l -> l.level().equals(level) && l.message().contains(text)).count();
        }

        synchronized String all() {
            return lines.toString();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }

    @Test
    void brokerStoppedThenStarted_withTheCommandLinesLogging_telltaleSaysOneLineEach_kafkaClientStaysQuiet() throws Exception {
        Level kafkaBefore = ClientLogging.KAFKA.getLevel();
        Level rabbitBefore = ClientLogging.RABBITMQ.getLevel();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread producer = null;
        ClientLogging.setDefaults();
        try (Console console = new Console();
                Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("kafka")
                        .set("telltale.kafka.bootstrap.servers", kit.bootstrapServers())
                        .set("telltale.kafka.topic", "outage")
                        .set("telltale.kafka.max.block.ms", "1000")
                        .set("telltale.kafka.request.timeout.ms", "1500")
                        .set("telltale.kafka.delivery.timeout.ms", "3000")
                        .set("telltale.retry.attempts", "2")
                        .set("telltale.retry.backoff", "50ms")
                        .set("telltale.retry.max-backoff", "200ms")
                        .set("telltale.flush.interval", "20ms")
                        .set("telltale.health.interval", "0")
                        .build()) {
            Emitter emitter = telltale.emitter("outage.test");
            producer = new Thread(() -> {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                for (int i = 0; running.get() && System.nanoTime() - deadline < 0; i++) {
                    emitter.emit("tick", Map.of("i", i));
                    LockSupport.parkNanos(2_000_000); // pacing, not waiting for anything
                }
            }, "outage-producer");
            producer.start();
            await(() -> telltale.stats().published() >= 100, () -> "100 published: " + telltale.stats());

            int outage = console.mark();
            kit.brokers().values().forEach(b -> b.shutdown());
            kit.brokers().values().forEach(b -> b.awaitShutdown());
            // the outage lasts until a batch has used up its attempts: seconds of reconnecting
            await(() -> telltale.stats().droppedBackendError() > 0, () -> "a batch dropped: " + telltale.stats());
            kit.brokers().values().forEach(b -> b.startup());
            kit.waitForReadyBrokers();
            await(() -> console.telltale(outage, Level.INFO, "is publishing again") > 0,
                    () -> "Telltale's recovery line in " + console.all());

            assertEquals(1, console.telltale(outage, Level.WARNING, "backend 'kafka' failed"), console.all());
            assertEquals(1, console.telltale(outage, Level.INFO, "backend 'kafka' is publishing again"), console.all());
            List<?> clientLines = console.producerLines(outage);
            assertTrue(clientLines.size() <= MOST_CLIENT_LINES, clientLines.size() + " lines from the Kafka client: " + clientLines);
        } finally {
            running.set(false);
            if (producer != null) {
                producer.join(WAIT.toMillis());
            }
            ClientLogging.KAFKA.setLevel(kafkaBefore);
            ClientLogging.RABBITMQ.setLevel(rabbitBefore);
        }
    }

    @Test
    void kafkaLog_eachLevelName_setsTheKafkaLoggersLevel_andAnythingElseIsAUsageError() throws Exception {
        Level before = ClientLogging.KAFKA.getLevel();
        try {
            ClientLogging.kafka("WARN");
            assertEquals(Level.WARNING, ClientLogging.KAFKA.getLevel());
            ClientLogging.kafka("off");
            assertEquals(Level.OFF, ClientLogging.KAFKA.getLevel());
            ClientLogging.kafka(" error ");
            assertEquals(Level.SEVERE, ClientLogging.KAFKA.getLevel());
            assertEquals(Level.FINE, ClientLogging.parse("debug"));
            assertEquals(Level.INFO, ClientLogging.parse("info"));
            assertEquals(Level.FINEST, ClientLogging.parse("trace"));
            UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                    () -> ClientLogging.kafka("loud"));
            assertTrue(e.getMessage().contains("--kafka-log") && e.getMessage().contains("loud"), e.getMessage());
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream none = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
            assertEquals(2, Main.run(new String[] {"monitor", "--kafka-log", "loud"}, none, new java.io.PrintStream(err, true)));
            assertTrue(err.toString().contains("--kafka-log must be one of"), err.toString());
        } finally {
            ClientLogging.KAFKA.setLevel(before);
        }
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT + ": " + what.get());
            }
            LockSupport.parkNanos(20_000_000);
        }
    }
}
