package dev.telltale.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final ConfigKey FILE_PATH = new ConfigKey("telltale.file.path", ConfigKey.Type.STRING,
            "./out.jsonl", "path");
    private static final Schema SCHEMA = new Schema(
            concat(CoreKeys.ALL, List.of(FILE_PATH)), List.of("telltale.kafka."), Set.of("file", "kafka"));

    private final List<String> warnings = new ArrayList<>();

    @Test
    void precedence_codeThenSystemThenEnvironmentThenFileThenDefault() {
        String key = CoreKeys.FLUSH_INTERVAL.name();
        String env = CoreKeys.FLUSH_INTERVAL.environmentName();
        assertEquals("TELLTALE_FLUSH_INTERVAL", env);

        assertEquals("1s", load(new Sources(Map.of(), Map.of(), Map.of(), Map.of())).string(key));
        assertEquals("4s", load(new Sources(Map.of(), Map.of(), Map.of(), Map.of(key, "4s"))).string(key));
        assertEquals("3s", load(new Sources(Map.of(), Map.of(), Map.of(env, "3s"), Map.of(key, "4s"))).string(key));
        assertEquals("2s", load(new Sources(Map.of(), Map.of(key, "2s"), Map.of(env, "3s"), Map.of(key, "4s"))).string(key));
        Config all = load(new Sources(Map.of(key, "1500ms"), Map.of(key, "2s"), Map.of(env, "3s"), Map.of(key, "4s")));
        assertEquals(Duration.ofMillis(1500), all.duration(CoreKeys.FLUSH_INTERVAL));
        assertEquals(Origin.CODE, all.origin(key));
        assertEquals(List.of(), warnings);
    }

    @Test
    void environment_dashesAndDotsBecomeUnderscores() {
        Config c = load(new Sources(Map.of(), Map.of(), Map.of("TELLTALE_QUEUE_MAX_BYTES", "2MiB"), Map.of()));
        assertEquals(2L << 20, c.size(CoreKeys.QUEUE_MAX_BYTES));
        assertEquals(Origin.ENVIRONMENT, c.origin(CoreKeys.QUEUE_MAX_BYTES.name()));
    }

    @Test
    void environment_underOpenPrefix_mapsUnderscoresToDots() {
        Config c = load(new Sources(Map.of(), Map.of(), Map.of("TELLTALE_KAFKA_LINGER_MS", "20"), Map.of()));
        assertEquals(Map.of("linger.ms", "20"), c.withPrefix("telltale.kafka."));
        assertEquals(List.of(), warnings);
    }

    @Test
    void unknownKey_fromSystemProperty_isReportedWithSuggestion_andIgnored() {
        Config c = load(new Sources(Map.of(), Map.of("telltale.flush.intervall", "5s"), Map.of(), Map.of()));
        assertEquals("1s", c.string(CoreKeys.FLUSH_INTERVAL));
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.contains("telltale.flush.intervall") && w.contains("system property")
                && w.contains("did you mean telltale.flush.interval?"), w);
    }

    @Test
    void unknownKey_ofAbsentBackend_namesTheBackendsAvailable() {
        load(new Sources(Map.of(), Map.of(), Map.of(), Map.of("telltale.amqp.uri", "amqp://x")));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("no backend named 'amqp' is present (available: file, kafka)"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("telltale.properties"), warnings.get(0));
    }

    @Test
    void unknownEnvironmentVariable_isReported() {
        load(new Sources(Map.of(), Map.of(), Map.of("TELLTALE_FLUSH_INTERVALL", "1s"), Map.of()));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("TELLTALE_FLUSH_INTERVALL"), warnings.get(0));
        assertTrue(warnings.get(0).contains("did you mean telltale.flush.interval?"), warnings.get(0));
    }

    @Test
    void malformedValue_fromEnvironment_warnsAndFallsBackToLowerPrecedence() {
        Config c = load(new Sources(Map.of(), Map.of(), Map.of("TELLTALE_QUEUE_CAPACITY", "lots"),
                Map.of(CoreKeys.QUEUE_CAPACITY.name(), "100")));
        assertEquals(100, c.integer(CoreKeys.QUEUE_CAPACITY));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("telltale.queue.capacity (environment variable): 'lots' is not an integer"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("using '100' instead"), warnings.get(0));
    }

    @Test
    void problemsInCode_throwOneExceptionNamingEach() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(Sources.codeOnly(
                Map.of("telltale.queue.capacity", "many", "telltale.nope", "1"))));
        assertTrue(e.getMessage().contains("telltale.queue.capacity (set in code): 'many' is not an integer"),
                e.getMessage());
        assertTrue(e.getMessage().contains("unknown configuration key telltale.nope (set in code)"), e.getMessage());
    }

    @Test
    void withPrefix_returnsOnlyExplicitValues() {
        Config c = load(Sources.codeOnly(Map.of("telltale.kafka.acks", "1", "telltale.file.path", "/x")));
        assertEquals(Map.of("acks", "1"), c.withPrefix("telltale.kafka."));
        assertEquals("/x", c.string("telltale.file.path"));
    }

    @Test
    void pipelineSettings_outOfRangeInCode_throws_fromEnvironment_warnsAndUsesDefault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.telltale.core.internal
                .pipeline.PipelineSettings.from(load(Sources.codeOnly(Map.of("telltale.queue.capacity", "0"))),
                        warnings::add));
        assertTrue(e.getMessage().contains("telltale.queue.capacity (set in code) must be in [1, "), e.getMessage());

        var settings = dev.telltale.core.internal.pipeline.PipelineSettings.from(load(new Sources(Map.of(), Map.of(),
                Map.of("TELLTALE_QUEUE_MAX_BYTES", "2KiB", "TELLTALE_EVENT_MAX_BYTES", "4KiB"), Map.of())), warnings::add);
        assertEquals(4096, settings.queueMaxBytes());
        assertTrue(warnings.get(0).contains("telltale.queue.max-bytes (environment variable) must be at least "
                + "telltale.event.max-bytes"), warnings.toString());
    }

    @Test
    void distance_isLevenshtein_andClosestRespectsTheBound() {
        assertEquals(0, Suggestions.distance("abc", "abc"));
        assertEquals(1, Suggestions.distance("abc", "abcd"));
        assertEquals(2, Suggestions.distance("flush", "flash!"));
        assertEquals(3, Suggestions.distance("", "abc"));
        assertEquals("duration", Suggestions.closest("duraton", List.of("backend", "duration"), 3));
        assertEquals(null, Suggestions.closest("zzz", List.of("backend", "duration"), 3));
    }

    private Config load(Sources sources) {
        return ConfigLoader.load(sources, SCHEMA, warnings::add);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
