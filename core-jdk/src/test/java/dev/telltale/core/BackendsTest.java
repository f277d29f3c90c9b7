package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.ConfigKey.Type;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which backends are taken: malformed ones and duplicates are reported and left out; names and the default. */
class BackendsTest {

    /** A backend with the given name, keys and subscription options. */
    private static Backend backend(String name, List<ConfigKey> keys, List<ConfigKey> options) {
        return new Backend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<ConfigKey> keys() {
                return keys;
            }

            @Override
            public List<ConfigKey> subscriptionOptions() {
                return options;
            }

            @Override
            public Sink openSink(BackendConfig config) {
                throw new UnsupportedOperationException("not opened in this test");
            }

            @Override
            public Source openSource(BackendConfig config, Subscription subscription) {
                throw new UnsupportedOperationException("not opened in this test");
            }
        };
    }

    @Test
    void wellFormedBackends_areAllTaken_inOrder_withoutWarnings() {
        List<String> warnings = new ArrayList<>();
        Backend a = backend("alpha", List.of(new ConfigKey("telltale.alpha.port", Type.INTEGER, "1", "a port")),
                List.of(new ConfigKey("telltale.alpha.from", Type.STRING, "", "an option")));
        Backend b = new RecordingBackend("beta");
        Backends found = Backends.of(List.of(a, b), warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals(List.of(a, b), found.all());
        assertEquals(Set.of("alpha", "beta"), found.names());
        assertSame(a, found.named("alpha"));
        assertEquals(null, found.named("gamma"));
        assertEquals("alpha, beta, or none for JFR only", found.available());
    }

    @Test
    void keyOutsideTheBackendsPrefix_leavesTheBackendOut_withAWarning() {
        List<String> warnings = new ArrayList<>();
        Backend stray = backend("alpha", List.of(new ConfigKey("telltale.beta.port", Type.INTEGER, "1", "a port")),
                List.of());
        Backends found = Backends.of(List.of(stray), warnings::add);
        assertEquals(List.of(), found.all());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).endsWith("is ignored: its key telltale.beta.port is not under telltale.alpha."),
                warnings.get(0));
    }

    @Test
    void optionOutsideTheBackendsPrefix_leavesTheBackendOut_withAWarning() {
        List<String> warnings = new ArrayList<>();
        Backend stray = backend("alpha", List.of(),
                List.of(new ConfigKey("telltale.other.from", Type.STRING, "", "an option")));
        assertEquals(List.of(), Backends.of(List.of(stray), warnings::add).all());
        assertTrue(warnings.get(0).endsWith("is ignored: its option telltale.other.from is not under telltale.alpha."),
                warnings.get(0));
    }

    @Test
    void malformedKeyDeclaration_leavesTheBackendOut_withAWarning() {
        List<String> warnings = new ArrayList<>();
        Backend broken = backend("alpha", List.of(new ConfigKey("telltale.alpha.port", Type.INTEGER, "lots", "a port")),
                List.of());
        assertEquals(List.of(), Backends.of(List.of(broken), warnings::add).all());
        assertTrue(warnings.get(0).contains("is ignored: its key telltale.alpha.port is malformed"), warnings.get(0));
    }

    @Test
    void twoBackendsOfOneName_theFirstIsKept_andTheSecondReported() {
        List<String> warnings = new ArrayList<>();
        Backend first = new RecordingBackend("same");
        Backend second = backend("same", List.of(), List.of());
        Backends found = Backends.of(List.of(first, second), warnings::add);
        assertSame(first, found.named("same"));
        assertEquals(1, found.all().size());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("two backends are named 'same': using " + RecordingBackend.class.getName()),
                warnings.get(0));
    }

    @Test
    void none_saysWhatToPutOnTheClassPath_andHasNoDefault() {
        Backends none = Backends.of(List.of(), m -> { });
        assertEquals("none (put telltale-backend-file or another backend on the class path)", none.available());
        assertEquals(null, none.byDefault());
    }

    @Test
    void discover_findsTheBackendsRegisteredAsServices() {
        List<String> warnings = new ArrayList<>();
        Backends found = Backends.discover(BackendsTest.class.getClassLoader(), warnings::add);
        assertTrue(found.names().contains("memory"), found.names().toString());
        assertEquals(List.of(), warnings);
    }

    @Test
    void available_namesTheBackendsInAlphabeticalOrder() {
        Backends two = Backends.of(List.of(new RecordingBackend("zeta"), new RecordingBackend("alpha")), m -> { });
        assertEquals("alpha, zeta, or none for JFR only", two.available());
    }

    @Test
    void discover_aServiceEntryThatCannotLoad_isReported_andTheOthersAreTaken(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Backend.class.getName()), "com.example.NoSuchBackend\n");
        List<String> warnings = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, BackendsTest.class.getClassLoader())) {
            Backends found = Backends.discover(loader, warnings::add);
            assertTrue(found.names().contains("memory"), found.names().toString());
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("a backend failed to load and is ignored: ")
                && warnings.get(0).contains("com.example.NoSuchBackend"), warnings.get(0));
    }
}
