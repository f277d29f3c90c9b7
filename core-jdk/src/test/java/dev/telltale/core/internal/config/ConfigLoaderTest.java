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
    private static final ConfigKey MAX_SIZE = new ConfigKey("telltale.file.max-size", ConfigKey.Type.SIZE, "64MiB",
            "size").atLeast("4KiB");
    private static final ConfigKey MAX_FILES = new ConfigKey("telltale.file.max-files", ConfigKey.Type.INTEGER, "5",
            "files").atLeast("1");
    private static final ConfigKey TIMEOUT = new ConfigKey("telltale.file.timeout", ConfigKey.Type.DURATION, "5s",
            "timeout").between("1ms", "1h");
    private static final Schema SCHEMA = new Schema(
            concat(CoreKeys.ALL, List.of(FILE_PATH, MAX_SIZE, MAX_FILES, TIMEOUT)), List.of("telltale.kafka."),
            Set.of("file", "kafka"));

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
        assertTrue(e.getMessage().contains("telltale.queue.capacity (set in code): '0' is out of range: it must be from 1 to "),
                e.getMessage());

        var settings = dev.telltale.core.internal.pipeline.PipelineSettings.from(load(new Sources(Map.of(), Map.of(),
                Map.of("TELLTALE_QUEUE_MAX_BYTES", "2KiB", "TELLTALE_EVENT_MAX_BYTES", "4KiB"), Map.of())), warnings::add);
        assertEquals(4096, settings.queueMaxBytes());
        assertTrue(warnings.get(0).contains("telltale.queue.max-bytes (environment variable) must be at least "
                + "telltale.event.max-bytes"), warnings.toString());
    }

    @Test
    void outOfRange_fromTheEnvironment_isReportedOnceNamingKeyValueRangeAndDefault_andTheDefaultIsUsed() {
        Config c = load(new Sources(Map.of(), Map.of(), Map.of("TELLTALE_FILE_MAX_SIZE", "1"),
                Map.of("telltale.file.max-files", "0")));
        assertEquals(64L << 20, c.size(MAX_SIZE));
        assertEquals(5, c.integer(MAX_FILES));
        assertEquals(Origin.DEFAULT, c.origin(MAX_SIZE.name()));
        assertEquals(List.of(
                "telltale.file.max-files (telltale.properties): '0' is out of range: it must be at least 1; using '5' instead",
                "telltale.file.max-size (environment variable): '1' is out of range: it must be at least 4KiB; "
                        + "using '64MiB' instead"), warnings);
    }

    @Test
    void outOfRange_fromASystemProperty_fallsBackToTheEnvironmentsValue() {
        Config c = load(new Sources(Map.of(), Map.of("telltale.file.timeout", "2h"),
                Map.of("TELLTALE_FILE_TIMEOUT", "30m"), Map.of()));
        assertEquals(Duration.ofMinutes(30), c.duration(TIMEOUT));
        assertEquals(List.of("telltale.file.timeout (system property): '2h' is out of range: it must be from 1ms to 1h;"
                + " using '30m' instead"), warnings);
    }

    @Test
    void inRange_atTheBounds_isAccepted() {
        Config c = load(Sources.codeOnly(Map.of("telltale.file.max-size", "4096", "telltale.file.max-files", "1",
                "telltale.file.timeout", "60m")));
        assertEquals(4096, c.size(MAX_SIZE));
        assertEquals(1, c.integer(MAX_FILES));
        assertEquals(Duration.ofHours(1), c.duration(TIMEOUT));
        assertEquals(List.of(), warnings);
    }

    @Test
    void outOfRange_inCode_throwsNamingKeyValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(Sources.codeOnly(
                Map.of("telltale.file.max-size", "4095"))));
        assertEquals("telltale.file.max-size (set in code): '4095' is out of range: it must be at least 4KiB", e.getMessage());
    }

    @Test
    void keyDeclaration_boundsThatDoNotParse_orADefaultOutOfRange_areRefused() {
        IllegalArgumentException bound = assertThrows(IllegalArgumentException.class, () -> Values.checkDeclaration(
                new ConfigKey("telltale.x.y", ConfigKey.Type.SIZE, "1KiB", "d").atLeast("lots")));
        assertTrue(bound.getMessage().contains("telltale.x.y") && bound.getMessage().contains("'lots'"), bound.getMessage());
        IllegalArgumentException def = assertThrows(IllegalArgumentException.class, () -> Values.checkDeclaration(
                new ConfigKey("telltale.x.y", ConfigKey.Type.INTEGER, "0", "d").atLeast("1")));
        assertTrue(def.getMessage().contains("'0' is out of range"), def.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigKey("telltale.x.y", ConfigKey.Type.STRING, "", "d").atLeast("1"));
        Values.checkDeclaration(new ConfigKey("telltale.x.y", ConfigKey.Type.DURATION, "", "unset").atLeast("1ms"));
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
