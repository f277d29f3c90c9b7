package dev.telltale.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.ConfigKey;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of configuration: what an unknown key's message says by where it came from and what
 * it looks like, a prefix alone is not a key under it, ties and the limit of "did you mean", a
 * key's own bounds checked, and {@code telltale.properties} read through the context class loader.
 */
class ConfigEdgesTest {

    private static final ConfigKey PATH = new ConfigKey("telltale.file.path", ConfigKey.Type.STRING, "out", "path");
    private static final Schema SCHEMA = new Schema(List.of(PATH), List.of("telltale.kafka."), Set.of("zeta", "alpha", "mid"));

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private String codeProblem(String key) {
        return assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Sources.codeOnly(Map.of(key, "x")), SCHEMA, warnings::add)).getMessage();
    }

    @Test
    void unknownKey_ofAnAbsentBackend_listsThePresentOnesSorted() {
        assertEquals("unknown configuration key telltale.nope.path (set in code): no backend named 'nope' is present"
                + " (available: alpha, mid, zeta)", codeProblem("telltale.nope.path"));
    }

    @Test
    void unknownKey_withoutABackendWord_getsNoBackendMessage() {
        assertEquals("unknown configuration key foo.bar.baz (set in code)", codeProblem("foo.bar.baz"));
        assertEquals("unknown configuration key telltale..path (set in code)",
                codeProblem("telltale..path"));
    }

    @Test
    void unknownKey_fromOutsideCode_isWarnedAsIgnored_fromCodeIsAnError() {
        Config config = ConfigLoader.load(new Sources(Map.of(), Map.of("telltale.file.pth", "p"), Map.of(), Map.of()),
                SCHEMA, warnings::add);
        assertEquals("out", config.string(PATH.name()));
        assertEquals(List.of("unknown configuration key telltale.file.pth (system property); did you mean telltale.file.path?;"
                + " ignoring it"), warnings);
        assertEquals("unknown configuration key telltale.file.pth (set in code); did you mean telltale.file.path?",
                codeProblem("telltale.file.pth"));
    }

    @Test
    void environmentVariable_thatIsOnlyAnOpenPrefix_namesNoKey() {
        ConfigLoader.load(new Sources(Map.of(), Map.of(), Map.of("TELLTALE_KAFKA_", "1", "TELLTALE_KAFKA_ACKS", "all"), Map.of()),
                SCHEMA, warnings::add);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("unknown environment variable TELLTALE_KAFKA_: it names no Telltale configuration key"),
                warnings::toString);
    }

    @Test
    void openPrefix_acceptsKeysUnderIt_notThePrefixItself() {
        assertTrue(SCHEMA.accepts("telltale.kafka.acks"));
        assertFalse(SCHEMA.accepts("telltale.kafka."));
        assertTrue(SCHEMA.accepts(PATH.name()));
        assertFalse(SCHEMA.accepts("telltale.file.other"));
    }

    @Test
    void withPrefix_leavesOutAKeyThatIsOnlyThePrefix_andDeclaresSaysWhatIsDeclared() {
        Config config = new Config(Map.of(PATH.name(), PATH), Map.of(
                "telltale.kafka.", new Config.Value("a", Origin.CODE),
                "telltale.kafka.acks", new Config.Value("all", Origin.CODE)));
        assertEquals(Map.of("acks", "all"), config.withPrefix("telltale.kafka."));
        assertTrue(config.declares(PATH.name()));
        assertFalse(config.declares("telltale.kafka.acks"));
    }

    @Test
    void closest_mustBeCloserThanTheLimit_andTheFirstOfEqualOnesWins() {
        assertNull(Suggestions.closest("ab", List.of("abcd"), 2));
        assertEquals("abc", Suggestions.closest("ab", List.of("abc"), 2));
        assertEquals("bat", Suggestions.closest("cat", List.of("bat", "hat", "rat"), 3));
    }

    @Test
    void checkDeclaration_badBounds_areFound_evenWithoutADefault() {
        ConfigKey badMin = new ConfigKey("telltale.x.n", ConfigKey.Type.INTEGER, "", "n", "one", "");
        ConfigKey badMax = new ConfigKey("telltale.x.n", ConfigKey.Type.INTEGER, "", "n", "", "ten");
        String min = assertThrows(IllegalArgumentException.class, () -> Values.checkDeclaration(badMin)).getMessage();
        assertTrue(min.contains("telltale.x.n") && min.contains("'one'"), min);
        String max = assertThrows(IllegalArgumentException.class, () -> Values.checkDeclaration(badMax)).getMessage();
        assertTrue(max.contains("telltale.x.n") && max.contains("'ten'"), max);
        Values.checkDeclaration(new ConfigKey("telltale.x.n", ConfigKey.Type.INTEGER, "", "n", "1", "10"));
    }

    private Map<String, String> propertiesThrough(ClassLoader loader) throws Exception {
        AtomicReference<Map<String, String>> read = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                read.set(Sources.read(Map.of(), true, warnings::add).propertiesFile());
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "properties-reader");
        reader.setContextClassLoader(loader);
        reader.start();
        reader.join(30_000);
        assertFalse(reader.isAlive(), "the reader did not finish in 30 s");
        if (failed.get() != null) {
            throw new AssertionError("reading failed", failed.get());
        }
        return read.get();
    }

    private URL folderWith(String name, String content) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve(Sources.PROPERTIES_RESOURCE), content, StandardCharsets.ISO_8859_1);
        return folder.toUri().toURL();
    }

    @Test
    void propertiesFile_readFromTheContextClassLoader_theFirstOfSeveralWithAWarning() throws Exception {
        URL first = folderWith("first", "telltale.file.path=one\n");
        URL second = folderWith("second", "telltale.file.path=two\n");
        try (URLClassLoader one = new URLClassLoader(new URL[] {first}, null)) {
            assertEquals(Map.of("telltale.file.path", "one"), propertiesThrough(one));
            assertEquals(List.of(), warnings);
        }
        try (URLClassLoader both = new URLClassLoader(new URL[] {first, second}, null)) {
            assertEquals(Map.of("telltale.file.path", "one"), propertiesThrough(both));
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("several telltale.properties on the class path; using " + first),
                    warnings::toString);
        }
    }

    @Test
    void propertiesFile_malformed_isWarnedAndIgnored_andNoneGivesNothing() throws Exception {
        URL bad = folderWith("bad", "telltale.file.path=\\uZZZZ\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {bad}, null)) {
            assertEquals(Map.of(), propertiesThrough(loader));
        }
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("cannot read telltale.properties: "), warnings::toString);
        assertTrue(warnings.get(0).endsWith("; ignoring it"), warnings::toString);
        warnings.clear();
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertEquals(Map.of(), propertiesThrough(empty));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void read_withoutAContextClassLoader_usesTellTalesOwn_andTakesOnlyItsOwnVariables() throws Exception {
        assertEquals(Sources.read(Map.of(), true, warnings::add).propertiesFile(), propertiesThrough(null));
        Sources sources = Sources.read(Map.of("telltale.file.path", "p"), true, warnings::add);
        assertEquals(Map.of("telltale.file.path", "p"), sources.code());
        sources.environment().keySet().forEach(name -> assertTrue(name.startsWith("TELLTALE_"), name));
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("TELLTALE_")) {
                assertEquals(value, sources.environment().get(name), name);
            }
        });
        sources.systemProperties().keySet().forEach(name -> assertTrue(name.startsWith("telltale."), name));
        assertEquals(Sources.codeOnly(Map.of("a", "b")), Sources.read(Map.of("a", "b"), false, warnings::add));
    }
}
