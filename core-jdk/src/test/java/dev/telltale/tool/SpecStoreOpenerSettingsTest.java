package dev.telltale.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SpecStoreOpener.Configured#settings}: a store's {@code telltale.probe.store.<scheme>.*} keys from
 * system properties over {@code telltale.properties}, only the address's scheme's, prefix removed,
 * with the settings given over both. The environment's place between the two is checked with a
 * child JVM in the cli module's {@code SpecsCommandEnvironmentTest}.
 */
class SpecStoreOpenerSettingsTest {

    private static final String PREFIX = "telltale.probe.store.";

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void clear() {
        for (String key : List.of("file.color", "file.size", "kafka.topic")) {
            System.clearProperty(PREFIX + key);
        }
        System.clearProperty("telltale.probe.manager.store");
        System.clearProperty("telltale.probe.manager.timeout");
    }

    @Test
    void systemProperties_ofTheAddressesSchemeOnly_prefixRemoved_givenWins() {
        System.setProperty(PREFIX + "file.color", "red");
        System.setProperty(PREFIX + "file.size", "2");
        System.setProperty(PREFIX + "kafka.topic", "ops.specs");

        assertEquals(Map.of("color", "red", "size", "2"), SpecStoreOpener.configured(warnings::add).settings("file:x.json", Map.of()));
        assertEquals(Map.of("color", "blue", "size", "2", "shape", "round"),
                SpecStoreOpener.configured(warnings::add).settings("file:x.json", Map.of("color", "blue", "shape", "round")));
        assertEquals(Map.of("topic", "ops.specs"), SpecStoreOpener.configured(warnings::add).settings("kafka:h:9092", Map.of()));
    }

    @Test
    void propertiesFile_isRead_andASystemPropertyWinsOverIt() throws Exception {
        Files.writeString(dir.resolve("telltale.properties"),
                PREFIX + "file.color=green\n" + PREFIX + "file.size=3\n" + PREFIX + "kafka.topic=from-file\n");
        System.setProperty(PREFIX + "file.color", "red");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        Map<String, String> settings;
        try (URLClassLoader onlyThatFile = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            thread.setContextClassLoader(onlyThatFile); // where telltale.properties is looked for
            settings = SpecStoreOpener.configured(warnings::add).settings("file:x.json", Map.of());
        } finally {
            thread.setContextClassLoader(before);
        }

        assertEquals(Map.of("color", "red", "size", "3"), settings);
    }

    @Test
    void nulls_areRefusedByName() {
        assertEquals("address == null", assertThrows(NullPointerException.class,
                () -> SpecStoreOpener.configured(warnings::add).settings(null, Map.of())).getMessage());
        assertEquals("given == null", assertThrows(NullPointerException.class,
                () -> SpecStoreOpener.configured(warnings::add).settings("file:x", null)).getMessage());
        assertEquals("warn == null", assertThrows(NullPointerException.class,
                () -> SpecStoreOpener.configured(null).settings("file:x", Map.of())).getMessage());
    }

    @Test
    void configured_theManagersStoreAndTimeout_orTheirDefaults() {
        SpecStoreOpener.Configured none = SpecStoreOpener.configured(warnings::add);
        assertEquals("", none.store());
        assertEquals(Duration.ofSeconds(10), none.timeout());

        System.setProperty("telltale.probe.manager.store", " kafka:h:9092 ");
        System.setProperty("telltale.probe.manager.timeout", "2m");
        System.setProperty(PREFIX + "kafka.topic", "ops.specs");
        SpecStoreOpener.Configured set = SpecStoreOpener.configured(warnings::add);

        assertEquals("kafka:h:9092", set.store());
        assertEquals(Duration.ofMinutes(2), set.timeout());
        assertEquals(Map.of("topic", "ops.specs", "acks", "all"), set.settings(set.store(), Map.of("acks", "all")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void configured_aMalformedTimeout_isWarnedAndTheDefaultUsed() {
        System.setProperty("telltale.probe.manager.timeout", "soon");

        assertEquals(Duration.ofSeconds(10), SpecStoreOpener.configured(warnings::add).timeout());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("telltale.probe.manager.timeout"), warnings.toString());
    }
}
