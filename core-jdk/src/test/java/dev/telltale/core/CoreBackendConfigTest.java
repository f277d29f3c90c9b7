package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.ConfigKey.Type;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a backend reads from its {@link CoreBackendConfig}: its own typed keys, with defaults, and nothing else. */
class CoreBackendConfigTest {

    /** A backend that declares one key of each type and passes unlisted ones through. */
    private static final class Declaring implements Backend {
        @Override
        public String name() {
            return "decl";
        }

        @Override
        public List<ConfigKey> keys() {
            return List.of(new ConfigKey("telltale.decl.name", Type.STRING, "plain", "a string"),
                    new ConfigKey("telltale.decl.on", Type.BOOLEAN, "false", "a boolean"),
                    new ConfigKey("telltale.decl.count", Type.INTEGER, "3", "an integer"),
                    new ConfigKey("telltale.decl.wait", Type.DURATION, "2s", "a duration"),
                    new ConfigKey("telltale.decl.room", Type.SIZE, "1KiB", "a size"));
        }

        @Override
        public boolean acceptsUnlistedKeys() {
            return true;
        }

        @Override
        public List<ConfigKey> subscriptionOptions() {
            return List.of();
        }

        @Override
        public Sink openSink(BackendConfig config) {
            throw new UnsupportedOperationException("not opened in this test");
        }

        @Override
        public Source openSource(BackendConfig config, Subscription subscription) {
            throw new UnsupportedOperationException("not opened in this test");
        }
    }

    @Test
    void typedGetters_readTheSettings() {
        BackendConfig c = CoreBackendConfig.resolve(new Declaring(), Map.of("telltale.decl.name", "fancy",
                "telltale.decl.on", "TRUE", "telltale.decl.count", "42", "telltale.decl.wait", "250ms",
                "telltale.decl.room", "2MiB"));
        assertEquals("fancy", c.string("telltale.decl.name"));
        assertTrue(c.bool("telltale.decl.on"));
        assertEquals(42, c.integer("telltale.decl.count"));
        assertEquals(Duration.ofMillis(250), c.duration("telltale.decl.wait"));
        assertEquals(2L << 20, c.size("telltale.decl.room"));
    }

    @Test
    void typedGetters_answerTheDefaults_whenNothingIsSet() {
        BackendConfig c = CoreBackendConfig.resolve(new Declaring(), Map.of());
        assertEquals("plain", c.string("telltale.decl.name"));
        assertFalse(c.bool("telltale.decl.on"));
        assertEquals(3, c.integer("telltale.decl.count"));
        assertEquals(Duration.ofSeconds(2), c.duration("telltale.decl.wait"));
        assertEquals(1024, c.size("telltale.decl.room"));
        assertEquals(Duration.ofSeconds(2), c.flushTimeout(), "the core's default telltale.flush.timeout");
    }

    @Test
    void undeclaredKey_isRefused_evenTheCoresOwn() {
        BackendConfig c = CoreBackendConfig.resolve(new Declaring(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.string("telltale.flush.timeout"));
        assertEquals("backend 'decl' did not declare configuration key telltale.flush.timeout", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.integer("telltale.decl.other"));
    }

    @Test
    void flushTimeout_hostAndPid_comeFromTheCore() {
        BackendConfig c = CoreBackendConfig.resolve(new Declaring(), Map.of("telltale.flush.timeout", "750ms",
                "telltale.host", " box-7 "));
        assertEquals(Duration.ofMillis(750), c.flushTimeout());
        assertEquals("box-7", c.host());
        assertEquals(ProcessHandle.current().pid(), c.pid());
    }

    @Test
    void withPrefix_givesTheUnlistedPassThroughKeys_withoutThePrefix() {
        BackendConfig c = CoreBackendConfig.resolve(new Declaring(), Map.of("telltale.decl.client.acks", "all",
                "telltale.decl.client.linger.ms", "5", "telltale.decl.count", "4"));
        assertEquals(Map.of("acks", "all", "linger.ms", "5"), c.withPrefix("telltale.decl.client."));
    }

    @Test
    void malformedSetting_failsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoreBackendConfig.resolve(new Declaring(), Map.of("telltale.decl.count", "many")));
        assertTrue(e.getMessage().contains("telltale.decl.count"), e.getMessage());
    }

    @Test
    void threadFactory_makesTelltalesDaemonThreads() {
        BackendConfig c = CoreBackendConfig.resolve(new Declaring(), Map.of());
        Thread t = c.threadFactory("io").newThread(() -> { });
        assertTrue(t.isDaemon());
        assertTrue(t.getName().startsWith("telltale-io-"), t.getName());
    }
}
