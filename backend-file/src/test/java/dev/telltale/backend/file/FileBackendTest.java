package dev.telltale.backend.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.CoreBackendConfig;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.spi.TopicPattern;
import dev.telltale.tool.BackendSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBackendTest {

    @TempDir
    Path dir;

    private final FileBackend backend = new FileBackend();

    private BackendConfig config(String... keyValues) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("telltale.file.path", dir.resolve("events.jsonl").toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return CoreBackendConfig.resolve(new FileBackend(), values);
    }

    @Test
    void keys_declared_areTheFourFileKeysWithTheirDefaults() {
        Map<String, ConfigKey> keys = backend.keys().stream().collect(Collectors.toMap(ConfigKey::name, k -> k));
        assertEquals(Map.of(
                "telltale.file.path", "./telltale-out/events.jsonl",
                "telltale.file.max-size", "64MiB",
                "telltale.file.max-files", "5",
                "telltale.file.fsync", "false"),
                keys.values().stream().collect(Collectors.toMap(ConfigKey::name, ConfigKey::defaultValue)));
        assertEquals(ConfigKey.Type.SIZE, keys.get("telltale.file.max-size").type());
        assertEquals(ConfigKey.Type.INTEGER, keys.get("telltale.file.max-files").type());
        assertEquals(ConfigKey.Type.BOOLEAN, keys.get("telltale.file.fsync").type());
        assertEquals(List.of("telltale.file.follow", "telltale.file.from"),
                backend.subscriptionOptions().stream().map(ConfigKey::name).toList());
    }

    @Test
    void openSink_defaultsOtherThanPath_areAccepted() throws Exception {
        Sink sink = backend.openSink(config());
        assertInstanceOf(FileSink.class, sink);
        sink.close();
    }

    @Test
    void maxSizeBelowMinimum_setInCode_throwsNamingKeyValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("telltale.file.max-size", "1KiB"));
        assertEquals("telltale.file.max-size (set in code): '1KiB' is out of range: it must be at least 4KiB", e.getMessage());
    }

    @Test
    void maxFilesBelowOne_setInCode_throwsNamingKeyValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("telltale.file.max-files", "0"));
        assertEquals("telltale.file.max-files (set in code): '0' is out of range: it must be at least 1", e.getMessage());
    }

    @Test
    void openSink_emptyPath_throwsNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.openSink(config("telltale.file.path", " ")));
        assertTrue(e.getMessage().contains("telltale.file.path"), e.getMessage());
    }

    @Test
    void openSource_afterOpenSink_readsWhatWasPublished() throws Exception {
        byte[] payload = Events.payload(7, "demo.orders", 120);
        Sink sink = backend.openSink(config());
        sink.publish(List.of(Events.envelope(payload)));
        sink.close();
        Subscription subscription = new Subscription(List.of(TopicPattern.of("demo.#")), Map.of("from", "start"));
        try (Source source = BackendSources.open(backend, config(), subscription)) {
            Envelope read = source.poll(Duration.ZERO);
            assertNotNull(read);
            assertArrayEquals(payload, read.payload());
            assertEquals("demo.orders", read.routingKey());
            assertEquals("events.jsonl:1", source.position());
            assertNull(source.poll(Duration.ZERO));
            assertTrue(source.ended());
        }
    }

    @Test
    void openSource_optionsByFullName_areAccepted() throws Exception {
        Subscription subscription = new Subscription(List.of(),
                Map.of("telltale.file.follow", "TRUE", "telltale.file.from", "end"));
        try (Source source = BackendSources.open(backend, config(), subscription)) {
            assertNull(source.poll(Duration.ZERO));
            assertFalse(source.ended(), "a followed source does not end");
        }
    }

    @Test
    void openSource_malformedOptionValues_throwNamingTheOption() {
        IllegalArgumentException follow = assertThrows(IllegalArgumentException.class,
                () -> BackendSources.open(backend, config(), new Subscription(List.of(), Map.of("follow", "yes"))));
        assertTrue(follow.getMessage().contains("follow") && follow.getMessage().contains("yes"), follow.getMessage());
        IllegalArgumentException from = assertThrows(IllegalArgumentException.class,
                () -> BackendSources.open(backend, config(), new Subscription(List.of(), Map.of("from", "middle"))));
        assertTrue(from.getMessage().contains("from") && from.getMessage().contains("middle"), from.getMessage());
    }
}
