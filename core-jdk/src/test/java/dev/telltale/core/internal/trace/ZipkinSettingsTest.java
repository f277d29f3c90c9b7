package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Schema;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZipkinSettingsTest {

    @Test
    void baseUrl_withoutPath_getsTheSpansPath() {
        assertEquals(URI.create("http://localhost:9411/api/v2/spans"), ZipkinSettings.endpoint("http://localhost:9411"));
        assertEquals(URI.create("http://localhost:9411/api/v2/spans"), ZipkinSettings.endpoint("http://localhost:9411/"));
        assertEquals(URI.create("https://zipkin.example.com/api/v2/spans"),
                ZipkinSettings.endpoint("HTTPS://zipkin.example.com"));
    }

    @Test
    void urlWithPath_usedAsGiven() {
        assertEquals(URI.create("http://proxy:8080/zipkin/api/v2/spans"),
                ZipkinSettings.endpoint("http://proxy:8080/zipkin/api/v2/spans"));
    }

    @Test
    void badUrls_refusedNamingTheKeyAndTheProblem() {
        assertMessage("ftp://host:21", "is not an http or https URL");
        assertMessage("localhost:9411", "is not an http or https URL");
        assertMessage("http://", "is no URL");
        assertMessage("http:///api/v2/spans", "has no host");
        assertMessage("http://host:9411/a b", "is no URL");
    }

    private static void assertMessage(String url, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZipkinSettings.endpoint(url));
        assertTrue(e.getMessage().startsWith("telltale.trace.zipkin.url: '" + url + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void noUrl_noReporter() {
        Config config = Config.defaults(new Schema(CoreKeys.ALL, List.of(), Set.of()));
        List<String> warnings = new ArrayList<>();
        assertNull(ZipkinSettings.from(config, warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void defaults_matchTheKeys() {
        ZipkinSettings d = ZipkinSettings.defaults(URI.create("http://h:1/api/v2/spans"));
        assertEquals(Integer.parseInt(CoreKeys.TRACE_ZIPKIN_QUEUE_CAPACITY.defaultValue()), d.queueCapacity());
        assertEquals(Integer.parseInt(CoreKeys.TRACE_ZIPKIN_BATCH_SIZE.defaultValue()), d.batchSize());
        assertEquals("512KiB", CoreKeys.TRACE_ZIPKIN_BATCH_MAX_BYTES.defaultValue());
        assertEquals(512 << 10, d.batchMaxBytes());
        assertEquals("8MiB", CoreKeys.TRACE_ZIPKIN_QUEUE_MAX_BYTES.defaultValue());
        assertEquals(8L << 20, d.queueMaxBytes());
    }

    @Test
    void components_outOfRange_refusedByName() {
        URI u = URI.create("http://h:1/api/v2/spans");
        ZipkinSettings d = ZipkinSettings.defaults(u);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ZipkinSettings(u, 0,
                d.queueMaxBytes(), d.batchSize(), d.batchMaxBytes(), d.interval(), d.timeout(), d.retryAttempts(),
                d.backoff(), d.maxBackoff(), d.maxChars(), d.healthInterval(), d.closeTimeout()));
        assertTrue(e.getMessage().contains("queueCapacity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ZipkinSettings(u, 1, d.queueMaxBytes(),
                d.batchSize(), 100, d.interval(), d.timeout(), d.retryAttempts(), d.backoff(), d.maxBackoff(),
                d.maxChars(), d.healthInterval(), d.closeTimeout()));
        assertTrue(e.getMessage().contains("batchMaxBytes"), e.getMessage());
    }

    private static Config fromSystemProperties(java.util.Map<String, String> properties) {
        return dev.telltale.core.internal.config.ConfigLoader.load(
                new dev.telltale.core.internal.config.Sources(java.util.Map.of(), properties, java.util.Map.of(),
                        java.util.Map.of()),
                new Schema(CoreKeys.ALL, List.of(), Set.of()), m -> { });
    }

    @Test
    void badUrlFromTheEnvironment_warnedAndNoReporter() {
        List<String> warnings = new ArrayList<>();
        assertNull(ZipkinSettings.from(fromSystemProperties(java.util.Map.of("telltale.trace.zipkin.url", "zipkin:9411")),
                warnings::add));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("telltale.trace.zipkin.url: 'zipkin:9411' is not an http or https URL"),
                warnings.get(0));
        assertTrue(warnings.get(0).endsWith("no spans are sent to Zipkin"), warnings.get(0));
    }

    @Test
    void keys_readIntoTheSettings_withThePipelinesRetryAndFlushKeys() {
        ZipkinSettings s = ZipkinSettings.from(fromSystemProperties(java.util.Map.of(
                "telltale.trace.zipkin.url", "http://zipkin:9411",
                "telltale.trace.zipkin.queue.capacity", "100",
                "telltale.trace.zipkin.queue.max-bytes", "1MiB",
                "telltale.trace.zipkin.batch.size", "7",
                "telltale.trace.zipkin.batch.max-bytes", "64KiB",
                "telltale.trace.zipkin.interval", "250ms",
                "telltale.trace.zipkin.timeout", "3s",
                "telltale.retry.attempts", "5",
                "telltale.flush.timeout", "4s")), m -> { });
        assertEquals(URI.create("http://zipkin:9411/api/v2/spans"), s.endpoint());
        assertEquals(100, s.queueCapacity());
        assertEquals(1L << 20, s.queueMaxBytes());
        assertEquals(7, s.batchSize());
        assertEquals(64 << 10, s.batchMaxBytes());
        assertEquals(java.time.Duration.ofMillis(250), s.interval());
        assertEquals(java.time.Duration.ofSeconds(3), s.timeout());
        assertEquals(5, s.retryAttempts());
        assertEquals(java.time.Duration.ofSeconds(4), s.closeTimeout());
    }
}
