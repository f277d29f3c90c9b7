package dev.telltale.backend.amqp;

import static dev.telltale.backend.amqp.AmqpSinkTest.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.tool.BackendSources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * Every thread the RabbitMQ client starts for the sink and the source comes from the {@link
 * BackendConfig#threadFactory} (so that the pipeline treats it as Telltale's own), none from the
 * client's defaults.
 */
class ClientThreadsTest {

    @Test
    void clientThreads_allComeFromTelltalesThreadFactory() throws Exception {
        TestBroker broker = Brokers.get();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Set<Thread> made = ConcurrentHashMap.newKeySet();
        List<String> factoryNames = new ArrayList<>();
        BackendConfig config = recording(TestConfig.of("telltale.amqp.uri", broker.uri(),
                "telltale.amqp.exchange", "telltale-test-" + UUID.randomUUID(), "telltale.amqp.durable", "false"),
                made, factoryNames);
        AmqpBackend backend = new AmqpBackend();
        Sink sink = backend.openSink(config);
        Map<String, String> options = new java.util.HashMap<>(broker.queueOptions());
        Source source = BackendSources.open(backend, config, new Subscription(List.of(), options));
        try {
            sink.publish(List.of(envelope("threads.test", "k", Map.of(), "{}")));
            assertEquals("threads.test", source.poll(Duration.ofSeconds(10)).routingKey());

            List<String> foreign = new ArrayList<>();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                boolean client = Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("com.rabbitmq."));
                if (client && !before.contains(thread) && !made.contains(thread)) {
                    foreign.add(thread.getName());
                }
            });
            assertTrue(foreign.isEmpty(), "client threads not from Telltale's factory: " + foreign);
            assertFalse(made.isEmpty());
            assertEquals(List.of("amqp", "amqp-monitor"), factoryNames.stream().distinct().sorted().toList());
        } finally {
            source.close();
            sink.close();
        }
    }

    /** {@code config}, recording the threads its factories make. */
    private static BackendConfig recording(BackendConfig config, Set<Thread> made, List<String> names) {
        return new BackendConfig() {
            @Override
            public String string(String key) {
                return config.string(key);
            }

            @Override
            public boolean bool(String key) {
                return config.bool(key);
            }

            @Override
            public int integer(String key) {
                return config.integer(key);
            }

            @Override
            public Duration duration(String key) {
                return config.duration(key);
            }

            @Override
            public long size(String key) {
                return config.size(key);
            }

            @Override
            public Duration flushTimeout() {
                return config.flushTimeout();
            }

            @Override
            public Map<String, String> withPrefix(String prefix) {
                return config.withPrefix(prefix);
            }

            @Override
            public String host() {
                return config.host();
            }

            @Override
            public long pid() {
                return config.pid();
            }

            @Override
            public ThreadFactory threadFactory(String name) {
                synchronized (names) {
                    names.add(name);
                }
                ThreadFactory real = config.threadFactory(name);
                return task -> {
                    Thread thread = real.newThread(task);
                    made.add(thread);
                    return thread;
                };
            }

            @Override
            public void internalThreads(String prefix) {
                config.internalThreads(prefix);
            }
        };
    }
}
