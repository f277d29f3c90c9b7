package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.spi.Envelope;
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
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applications emitting through {@link Telltale} with {@code backend("amqp")}, read back as the monitor reads. */
class PipelineTest {

    private TestBroker broker;
    private String exchange;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void broker() throws Exception {
        broker = Brokers.get();
        exchange = "telltale-test-" + UUID.randomUUID();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        try (RawClient raw = new RawClient(broker)) {
            raw.channel().exchangeDelete(exchange);
        } catch (IOException e) {
            // Qpid refuses to delete what is not there
        }
    }

    private Map<String, String> settings(String... more) {
        Map<String, String> s = new HashMap<>();
        s.put("telltale.amqp.uri", broker.uri());
        s.put("telltale.amqp.exchange", exchange);
        s.put("telltale.amqp.durable", "false");
        for (int i = 0; i < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return s;
    }

    private Telltale telltale(Map<String, String> settings) {
        Telltale.Builder builder = Telltale.builder().backend("amqp").readEnvironment(false).shutdownHook(false)
                .healthInterval(Duration.ZERO).flushInterval(Duration.ofMillis(20)).flushTimeout(Duration.ofSeconds(3));
        settings.forEach(builder::set);
        Telltale telltale = builder.build();
        closing.add(telltale);
        return telltale;
    }

    private Source monitor(List<String> patterns, Map<String, String> options) throws Exception {
        Map<String, String> all = new HashMap<>(broker.queueOptions());
        all.putAll(options);
        Source source = BackendSources.open("amqp", settings(),
                new Subscription(patterns.stream().map(TopicPattern::of).toList(), all));
        closing.add(source);
        return source;
    }

    private static List<Envelope> receive(Source source, int n, Duration timeout) throws Exception {
        List<Envelope> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < n && System.nanoTime() - deadline < 0) {
            Envelope e = source.poll(Duration.ofMillis(100));
            if (e != null) {
                got.add(e);
            }
        }
        return got;
    }

    @Test
    void events_emitted_reachTheMonitorAsJsonWithHeaders() throws Exception {
        Source monitor = monitor(List.of("shop.#"), Map.of());
        Telltale telltale = telltale(settings());
        Emitter orders = telltale.emitter("shop.orders", "req-1", Map.of("tenant", "acme"));
        Emitter other = telltale.emitter("other.stuff");
        for (int i = 1; i <= 100; i++) {
            orders.emit("order.created", Map.of("id", i));
            other.emit("noise", Map.of());
        }
        assertTrue(telltale.flush(Duration.ofSeconds(10)));

        List<Envelope> got = receive(monitor, 100, Duration.ofSeconds(10));

        assertEquals(100, got.size());
        Envelope first = got.get(0);
        assertEquals("shop.orders", first.routingKey());
        assertEquals("acme", first.headers().get("tenant"));
        assertEquals("order.created", first.headers().get(Envelope.KIND_HEADER));
        String json = new String(first.payload(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"kind\":\"order.created\",\"routingKey\":\"shop.orders\",\"source\":\"req-1\",\"seq\":1,"),
                json);
        PipelineStats stats = telltale.stats();
        assertEquals(200, stats.offered());
        assertEquals(200, stats.published());
        assertEquals(0, stats.dropped());
    }

    @Test
    void monitorBoundByHeaders_getsTheEventsWhoseHeadersMatch() throws Exception {
        Source any = monitor(List.of(), Map.of("headers", "tenant=acme,telltale-kind=payment.declined", "x-match", "any"));
        Source all = monitor(List.of(), Map.of("headers", "tenant=acme,telltale-kind=payment.declined"));
        Telltale telltale = telltale(settings());
        Emitter acme = telltale.emitter("shop.payments", "acme-1", Map.of("tenant", "acme"));
        Emitter other = telltale.emitter("shop.payments", "other-1", Map.of("tenant", "other"));
        acme.emit("payment.authorized", Map.of());
        acme.emit("payment.declined", Map.of());
        other.emit("payment.declined", Map.of());
        other.emit("payment.authorized", Map.of());
        assertTrue(telltale.flush(Duration.ofSeconds(10)));

        List<String> gotAny = receive(any, 3, Duration.ofSeconds(10)).stream()
                .map(e -> e.headers().get("tenant") + "/" + e.headers().get(Envelope.KIND_HEADER)).toList();
        assertEquals(List.of("acme/payment.authorized", "acme/payment.declined", "other/payment.declined"), gotAny);
        List<Envelope> gotAll = receive(all, 2, Duration.ofMillis(500));
        assertEquals(1, gotAll.size());
        assertEquals("acme-1", new String(gotAll.get(0).payload(), StandardCharsets.UTF_8)
                .replaceAll(".*\"source\":\"([^\"]*)\".*", "$1"));
    }

    @Test
    void eventOverMaxMessageSize_isDroppedAsTooLargeAndNeverSent() throws Exception {
        Source monitor = monitor(List.of(), Map.of());
        Telltale telltale = telltale(settings("telltale.amqp.max-message-size", "2KiB"));
        Emitter emitter = telltale.emitter("big.and.small");
        emitter.emit("small", Map.of("n", 1));
        emitter.emit("big", Map.of("text", "x".repeat(4000)));
        emitter.emit("small", Map.of("n", 2));
        assertTrue(telltale.flush(Duration.ofSeconds(10)));

        List<Envelope> got = receive(monitor, 3, Duration.ofSeconds(2));

        assertEquals(List.of("small", "small"), got.stream().map(e -> e.headers().get(Envelope.KIND_HEADER)).toList());
        PipelineStats stats = telltale.stats();
        assertEquals(3, stats.offered());
        assertEquals(2, stats.published());
        assertEquals(1, stats.droppedTooLarge());
        assertEquals(0, stats.pending());
    }

    @Test
    void wrongCredentials_warnNamingTheBrokerNotThePassword_andTheApplicationCarriesOn() throws Exception {
        String password = "wr0ng-s3cr3t";
        java.nio.file.Path jfr = java.nio.file.Files.createTempFile("telltale-amqp", ".jfr");
        try (LogCapture log = new LogCapture(); jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("dev.telltale.BackendFailure");
            recording.start();
            Telltale telltale = telltale(settings("telltale.amqp.uri", broker.uri().replace("guest:guest", "guest:" + password),
                    "telltale.retry.backoff", "10ms", "telltale.retry.max-backoff", "50ms"));
            Emitter emitter = telltale.emitter("app.events");
            // the application carries on: emitting never waits for the failing backend (a bound far
            // above any machine's time for 1000 emits, not a speed target: those are JMH's)
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 1000; i++) {
                    emitter.emit("tick", Map.of("i", i));
                }
            });
            telltale.flush(Duration.ofSeconds(10));
            telltale.close();

            PipelineStats stats = telltale.stats();
            assertEquals(1000, stats.offered());
            assertEquals(0, stats.published());
            assertEquals(1000, stats.dropped());
            assertEquals(0, stats.pending());
            assertTrue(stats.droppedBackendError() > 0, stats.toString());
            List<String> warnings = log.messages(Level.WARNING);
            assertFalse(warnings.isEmpty(), log.all().toString());
            String first = warnings.get(0);
            assertTrue(first.contains("backend 'amqp' failed"), first);
            assertTrue(first.contains("amqp://guest:****@127.0.0.1:" + broker.port()), first);
            assertTrue(first.contains("refused the login of user 'guest'"), first);
            for (String line : log.all()) {
                assertFalse(line.contains(password), line);
            }
            recording.stop();
            recording.dump(jfr);
            List<jdk.jfr.consumer.RecordedEvent> failures = jdk.jfr.consumer.RecordingFile.readAllEvents(jfr).stream()
                    .filter(e -> e.getEventType().getName().equals("dev.telltale.BackendFailure")).toList();
            assertFalse(failures.isEmpty());
            for (jdk.jfr.consumer.RecordedEvent failure : failures) {
                String error = failure.getString("error");
                assertTrue(error.contains("amqp://guest:****@"), error);
                assertFalse(error.contains(password), error);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(jfr);
        }
    }

    @Test
    void monitor_throughBackendSources_readsTheConfiguredExchange() throws Exception {
        Source monitor = monitor(List.of("a.*"), Map.of("prefetch", "4"));
        Telltale telltale = telltale(settings());
        for (int i = 0; i < 20; i++) {
            telltale.emitter("a." + i).emit("k", Map.of());
        }
        assertTrue(telltale.flush(Duration.ofSeconds(10)));
        List<Envelope> got = receive(monitor, 20, Duration.ofSeconds(10));
        assertEquals(20, got.size());
        assertNotNull(monitor.position());
    }
}
