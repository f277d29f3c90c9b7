package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.PipelineStats;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import dev.telltale.internal.NoopEngine;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** What {@link CoreEngine#start} makes of its settings: disabled, JFR only, the host and pid events carry. */
class CoreEngineStartTest {

    @Test
    void disabled_givesTheNoopEngine_andSaysSo() {
        try (LogCapture log = new LogCapture()) {
            Engine engine = CoreEngine.start(Map.of("telltale.enabled", "false"), false, false,
                    Backends.of(List.of(new RecordingBackend()), m -> { }));
            assertSame(NoopEngine.INSTANCE, engine);
            assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("disabled by telltale.enabled=false")),
                    log.all().toString());
        }
    }

    @Test
    void backendNone_jfrOnly_countsWhatWasOfferedAsHandedOn_andSaysSo() {
        RecordingBackend unused = new RecordingBackend();
        try (LogCapture log = new LogCapture()) {
            Engine engine = CoreEngine.start(Map.of("telltale.backend", "none", "telltale.health.interval", "0"), false,
                    false, Backends.of(List.of(unused), m -> { }));
            try {
                for (int i = 1; i <= 3; i++) {
                    engine.offer(event("s", i, Map.of()));
                }
                PipelineStats s = engine.stats();
                assertEquals("none", s.backend());
                assertEquals(3, s.offered());
                assertEquals(3, s.published());
                assertEquals(0, s.pending());
                assertEquals(0, unused.openCalls());
                assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("telltale.backend=none; events go to JFR only")),
                        log.all().toString());
            } finally {
                engine.close();
            }
        }
    }

    @Test
    void hostAndPid_areTheConfiguredHost_andThisProcess() {
        Engine engine = CoreEngine.start(Map.of("telltale.host", "box-9", "telltale.health.interval", "0"), false, false,
                Backends.of(List.of(new RecordingBackend()), m -> { }));
        try {
            assertEquals("box-9", engine.host());
            assertEquals(ProcessHandle.current().pid(), engine.pid());
        } finally {
            engine.close();
        }
    }

    @Test
    void unknownBackendSetInCode_failsNamingWhatIsAvailable() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CoreEngine.start(Map.of("telltale.backend", "carrier-pigeon"), false, false,
                        Backends.of(List.of(new RecordingBackend("memory")), m -> { })));
        assertTrue(e.getMessage().contains("unknown backend 'carrier-pigeon'")
                && e.getMessage().contains("available: memory, or none for JFR only"), e.getMessage());
    }

    @Test
    void unknownBackendFromASystemProperty_logsAnError_andRunsJfrOnly() {
        try (LogCapture log = new LogCapture()) {
            System.setProperty("telltale.backend", "carrier-pigeon");
            Engine engine;
            try {
                engine = CoreEngine.start(Map.of("telltale.health.interval", "0"), true, false,
                        Backends.of(List.of(new RecordingBackend("memory")), m -> { }));
            } finally {
                System.clearProperty("telltale.backend");
            }
            try {
                assertEquals("none", engine.stats().backend());
                assertTrue(log.messages(Level.SEVERE).stream().anyMatch(m -> m.startsWith("telltale: unknown backend 'carrier-pigeon'")
                        && m.endsWith("Events go to JFR only until this is fixed.")), log.all().toString());
            } finally {
                engine.close();
            }
        }
    }

    @Test
    void unknownKeyFromASystemProperty_isWarnedAbout_throughTheLogger() {
        try (LogCapture log = new LogCapture()) {
            System.setProperty("telltale.no-such-key", "1");
            Engine engine;
            try {
                engine = CoreEngine.start(Map.of("telltale.health.interval", "0", "telltale.backend", "none"), true, false,
                        Backends.of(List.of(), m -> { }));
            } finally {
                System.clearProperty("telltale.no-such-key");
            }
            engine.close();
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.startsWith("telltale: unknown configuration key telltale.no-such-key")),
                    log.all().toString());
        }
    }
}
