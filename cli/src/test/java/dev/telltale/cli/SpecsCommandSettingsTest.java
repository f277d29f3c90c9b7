package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./telltale specs} takes a store's settings ({@code telltale.probe.store.<scheme>.*}) as
 * the probe manager does: system properties over {@code TELLTALE_*} over {@code
 * telltale.properties}, with {@code --set} over all three. A child JVM, for an environment of its
 * own, with {@link Echo} (a store that shows what it was opened with in its address) found as a
 * service through a directory on its class path that also holds its {@code telltale.properties}.
 */
class SpecsCommandSettingsTest {

    private static final String PREFIX = "telltale.probe.store.echo.";

    @TempDir
    Path dir;

    @Test
    void storeSettings_fromEveryOrigin_inThePrecedenceOfTheRestOfTelltale_setWinning() throws Exception {
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.createDirectories(extra.resolve("META-INF/services"));
        Files.writeString(extra.resolve("META-INF/services/" + SpecStoreProvider.class.getName()), Echo.class.getName() + "\n");
        Files.writeString(extra.resolve("telltale.properties"), PREFIX + "file-only=f\n" + PREFIX + "file.env=f\n"
                + PREFIX + "file.env.property=f\n" + PREFIX + "set=f\n" + "telltale.probe.store.kafka.topic=not-mine\n");
        Map<String, String> env = Map.of(
                "TELLTALE_PROBE_STORE_ECHO_FILE_ENV", "e",
                "TELLTALE_PROBE_STORE_ECHO_FILE_ENV_PROPERTY", "e",
                "TELLTALE_PROBE_STORE_ECHO_ENV_ONLY", "e");

        Processes.Result r = Processes.run(List.of(Processes.java(),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + extra,
                "-D" + PREFIX + "file.env.property=p", "-D" + PREFIX + "set=p",
                Main.class.getName(), "specs", "ls", "--store", "echo:here", "--set", "set=s", "-D", PREFIX + "given=g"),
                dir, Duration.ofMinutes(2), env);

        assertEquals(0, r.exit(), r.toString());
        assertEquals("no specs in echo:here {env.only=e, file-only=f, file.env=e, file.env.property=p, given=g, set=s}",
                r.out().strip(), r.toString());
        assertTrue(r.err().isEmpty(), "no warnings: " + r);
    }

    @Test
    void anUnknownTelltaleVariable_isReportedOnStandardError_andTheCommandStillRuns() throws Exception {
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.createDirectories(extra.resolve("META-INF/services"));
        Files.writeString(extra.resolve("META-INF/services/" + SpecStoreProvider.class.getName()), Echo.class.getName() + "\n");

        Processes.Result r = Processes.run(List.of(Processes.java(), "-cp", System.getProperty("java.class.path") + File.pathSeparator + extra,
                Main.class.getName(), "specs", "ls", "--store", "echo:here"), dir, Duration.ofMinutes(2),
                Map.of("TELLTALE_NO_SUCH_THING", "1"));

        assertEquals(0, r.exit(), r.toString());
        assertEquals("no specs in echo:here {}", r.out().strip(), r.toString());
        assertTrue(r.err().startsWith("telltale specs: unknown environment variable TELLTALE_NO_SUCH_THING"), r.toString());
    }

    /** A spec store that holds nothing and shows its settings in its address; registered only in the child JVM. */
    public static final class Echo implements SpecStoreProvider {

        @Override
        public String scheme() {
            return "echo";
        }

        @Override
        public SpecStore open(String rest, SpecStoreOptions options) {
            String address = "echo:" + rest + " " + new TreeMap<>(options.properties());
            return new SpecStore() {
                @Override
                public String address() {
                    return address;
                }

                @Override
                public Map<String, String> specs() {
                    return Map.of();
                }

                @Override
                public void put(String id, String json) {
                    throw new UnsupportedOperationException("an echo store holds nothing");
                }

                @Override
                public void remove(String id) {
                    throw new UnsupportedOperationException("an echo store holds nothing");
                }

                @Override
                public void report(String specId, String processId, String json) {
                    throw new UnsupportedOperationException("an echo store holds nothing");
                }

                @Override
                public Map<String, Map<String, String>> statuses() {
                    return Map.of();
                }

                @Override
                public void close() {}
            };
        }
    }
}
