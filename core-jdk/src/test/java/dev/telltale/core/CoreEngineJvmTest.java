package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.SpanHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine does with the JVM it runs in, through {@link JvmSupport}: JFR's set-up (pending,
 * done, failed), whether events are copied to JFR meanwhile, and its shutdown hook. A {@link
 * FakeJvm} shows in this JVM what otherwise only a fresh JVM (no JFR yet) or an exiting one would;
 * the last tests check the real {@link JvmSupport#CURRENT}.
 */
@Timeout(60)
class CoreEngineJvmTest {

    private static final List<String> TELLTALE_TYPES = List.of("dev.telltale.Event", "dev.telltale.ContextFinished",
            "dev.telltale.PipelineHealth", "dev.telltale.BackendFailure", "dev.telltale.SlowTask", "dev.telltale.Hang",
            "dev.telltale.LoopLag", "dev.telltale.ProbeMetric", "dev.telltale.CrashSnapshot", "dev.telltale.Span");

    @TempDir
    Path dir;

    private final List<CoreEngine> engines = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeEngines() {
        engines.forEach(CoreEngine::close);
    }

    // JFR's set-up

    @Test
    void jfrOn_handsTheSetUpToAThreadNamedTelltaleJfrSetup() {
        FakeJvm jvm = new FakeJvm();
        start(jvm, false, null);
        assertEquals(List.of("telltale-jfr-setup"), jvm.threadNames());
    }

    @Test
    void jfrFalse_setsNothingUp_andCopiesNothing_whileARecordingWantsEvents() throws Exception {
        FakeJvm jvm = new FakeJvm().up(true);
        CoreEngine engine = start(jvm, false, null, "telltale.jfr", "false");
        List<RecordedEvent> events = recordWhile(() -> {
            engine.offer(event("jvm-off", 1, Map.of()));
            assertSame(SpanHandle.NOOP, engine.contextBegin("jvm.test", "ctx-off"));
        });
        assertEquals(List.of(), jvm.threadNames());
        assertEquals(0, count(events, "jvm-off"));
    }

    @Test
    void setUpPending_jfrNotUp_copiesNothing_thenOnceDone_copiesEveryEvent() throws Exception {
        FakeJvm jvm = new FakeJvm().up(false);
        CoreEngine engine = start(jvm, false, null);
        List<RecordedEvent> events = recordWhile(() -> {
            engine.offer(event("jvm-pending", 1, Map.of()));
            assertSame(SpanHandle.NOOP, engine.contextBegin("jvm.test", "ctx-pending"));
            assertFalse(engine.jfrReady());
            jvm.runSetUp();
            assertTrue(engine.jfrReady());
            engine.offer(event("jvm-ready", 1, Map.of()));
            SpanHandle span = engine.contextBegin("jvm.test", "ctx-ready");
            assertNotSame(SpanHandle.NOOP, span);
            span.end(false);
        });
        assertEquals(0, count(events, "jvm-pending"), "JFR not up: a fresh JVM, where no recording can want it");
        assertEquals(1, count(events, "jvm-ready"));
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("dev.telltale.ContextFinished")
                && "ctx-ready".equals(e.getString("id"))), "the context begun once set up was recorded");
    }

    @Test
    void setUpPending_jfrUp_copiesAlready() throws Exception {
        FakeJvm jvm = new FakeJvm().up(true);
        CoreEngine engine = start(jvm, false, null);
        List<RecordedEvent> events = recordWhile(() -> {
            engine.offer(event("jvm-up", 1, Map.of()));
            SpanHandle span = engine.contextBegin("jvm.test", "ctx-up");
            assertNotSame(SpanHandle.NOOP, span);
            span.end(false);
        });
        assertFalse(engine.jfrReady());
        assertEquals(1, count(events, "jvm-up"));
    }

    @Test
    void setUpDone_logsTheTypesRegistered_atDebug() {
        FakeJvm jvm = new FakeJvm();
        CoreEngine engine = start(jvm, false, null);
        try (LogCapture log = new LogCapture()) {
            jvm.runSetUp();
            assertTrue(engine.jfrReady());
            assertTrue(log.messages(Level.FINE).contains("telltale: JFR event types registered: "
                    + String.join(", ", TELLTALE_TYPES)), log.all().toString());
        }
    }

    @Test
    void setUpFails_copiesNothingFromThenOn_andWarnsNamingTheError() throws Exception {
        FakeJvm jvm = new FakeJvm().up(true);
        jvm.register = () -> {
            throw new IllegalStateException("no usable JFR (test)");
        };
        CoreEngine engine = start(jvm, false, null);
        try (LogCapture log = new LogCapture()) {
            jvm.runSetUp();
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("cannot register JFR events")
                    && m.contains("no usable JFR (test)")), log.all().toString());
        }
        List<RecordedEvent> events = recordWhile(() -> {
            engine.offer(event("jvm-failed", 1, Map.of()));
            assertSame(SpanHandle.NOOP, engine.contextBegin("jvm.test", "ctx-failed"));
        });
        assertFalse(engine.jfrReady());
        assertEquals(0, count(events, "jvm-failed"));
    }

    @Test
    void setUpFailsFatally_rethrowsTheError_warnsNothing_andCopiesNothing() throws Exception {
        FakeJvm jvm = new FakeJvm().up(true);
        InternalError fatal = new InternalError("JFR broke (test)");
        jvm.register = () -> {
            throw fatal;
        };
        CoreEngine engine = start(jvm, false, null);
        try (LogCapture log = new LogCapture()) {
            assertSame(fatal, assertThrows(InternalError.class, jvm::runSetUp));
            assertEquals(List.of(), log.messages(Level.WARNING));
        }
        List<RecordedEvent> events = recordWhile(() -> engine.offer(event("jvm-fatal", 1, Map.of())));
        assertEquals(0, count(events, "jvm-fatal"));
    }

    // the shutdown hook

    @Test
    void shutdownHook_isAddedOnce_andCloseRemovesIt() {
        FakeJvm jvm = new FakeJvm();
        CoreEngine engine = start(jvm, true, null);
        List<Thread> added = jvm.added();
        assertEquals(1, added.size());
        assertEquals("telltale-shutdown", added.get(0).getName());
        assertSame(added.get(0), engine.installedShutdownHook());
        engine.close();
        assertEquals(added, jvm.removed());
        assertNull(engine.installedShutdownHook());
    }

    @Test
    void noShutdownHookAsked_addsNone_andCloseRemovesNone() {
        FakeJvm jvm = new FakeJvm();
        start(jvm, false, null).close();
        assertEquals(List.of(), jvm.added());
        assertEquals(List.of(), jvm.removed());
    }

    @Test
    void hookRun_closesThePipeline_publishingWhatWasQueued_andCloseThenRemovesNothing() throws Exception {
        FakeJvm jvm = new FakeJvm();
        RecordingBackend backend = new RecordingBackend();
        CoreEngine engine = start(jvm, true, backend);
        engine.offer(event("jvm-hook", 1, Map.of()));
        jvm.added().get(0).run(); // as the JVM would at exit, on this thread
        assertEquals(1, backend.closeCalls(), "the sink was closed");
        assertEquals(1, backend.receivedCount(), "the queued event was published first");
        assertNull(engine.installedShutdownHook());
        engine.close();
        assertEquals(List.of(), jvm.removed(), "a hook that ran is not removed");
    }

    @Test
    void hookRun_closesTheWatchesAndTheProbes_asCloseWould() {
        FakeJvm jvm = new FakeJvm();
        CoreEngine engine = start(jvm, true, null);
        jvm.added().get(0).run();
        IllegalStateException watch = assertThrows(IllegalStateException.class, () -> engine.watches().loop("after.hook"));
        assertTrue(watch.getMessage().endsWith("the pipeline is closed"), watch.getMessage());
        IllegalStateException probe = assertThrows(IllegalStateException.class,
                () -> engine.probes().attach(CoreEngineJvmTest.class.getName() + "#count"));
        assertTrue(probe.getMessage().endsWith("the pipeline is closed"), probe.getMessage());
    }

    @Test
    void close_closesTheWatches() {
        CoreEngine engine = start(new FakeJvm(), false, null);
        engine.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> engine.watches().loop("after.close"));
        assertTrue(e.getMessage().endsWith("the pipeline is closed"), e.getMessage());
    }

    @Test
    void hookRun_withoutABackend_closesNothing_andThrowsNothing() {
        FakeJvm jvm = new FakeJvm();
        CoreEngine engine = start(jvm, true, null);
        engine.offer(event("jvm-hook-none", 1, Map.of()));
        jvm.added().get(0).run();
        assertEquals(1, engine.stats().offered());
    }

    @Test
    void jvmAlreadyShuttingDown_startStillWorks_withoutAHook() {
        FakeJvm jvm = new FakeJvm();
        jvm.addFails = new IllegalStateException("Shutdown in progress");
        RecordingBackend backend = new RecordingBackend();
        CoreEngine engine = start(jvm, true, backend);
        assertNull(engine.installedShutdownHook());
        engine.offer(event("jvm-late", 1, Map.of()));
        engine.close();
        assertEquals(List.of(), jvm.removed());
        assertEquals(1, backend.receivedCount());
    }

    @Test
    void removingTheHookFails_closeStillClosesThePipeline() {
        FakeJvm jvm = new FakeJvm();
        jvm.removeFails = new IllegalStateException("Shutdown in progress");
        RecordingBackend backend = new RecordingBackend();
        CoreEngine engine = start(jvm, true, backend);
        engine.offer(event("jvm-closing", 1, Map.of()));
        engine.close();
        assertEquals(1, backend.closeCalls());
        assertEquals(1, backend.receivedCount());
    }

    // this JVM

    @Test
    void currentJvm_setUpFinishesOnAThreadOfItsOwn() {
        CoreEngine engine = start(JvmSupport.CURRENT, false, null);
        Await.until(engine::jfrReady, Duration.ofSeconds(30), () -> "JFR set up");
    }

    @Test
    void currentJvm_registersTelltalesEventTypes_withJfr() {
        List<String> names = JvmSupport.CURRENT.registerJfrEventTypes().stream().map(t -> t.getName()).toList();
        assertEquals(TELLTALE_TYPES, names);
        List<String> registered = FlightRecorder.getFlightRecorder().getEventTypes().stream().map(t -> t.getName()).toList();
        assertTrue(registered.containsAll(TELLTALE_TYPES), registered.toString());
    }

    @Test
    void currentJvm_jfrUp_onceARecordingHasRun() throws Exception {
        recordWhile(() -> assertTrue(JvmSupport.CURRENT.jfrUp()));
        assertTrue(JvmSupport.CURRENT.jfrUp(), "and after it");
    }

    @Test
    void currentJvm_shutdownHook_isTheJvmsUntilClose() {
        CoreEngine engine = start(JvmSupport.CURRENT, true, null);
        Thread hook = engine.installedShutdownHook();
        assertTrue(Runtime.getRuntime().removeShutdownHook(hook), "the engine's hook was the JVM's");
        Runtime.getRuntime().addShutdownHook(hook);
        engine.close();
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "close took it off again");
    }

    private CoreEngine start(JvmSupport jvm, boolean shutdownHook, RecordingBackend backend, String... settings) {
        Map<String, String> map = new HashMap<>();
        map.put("telltale.health.interval", "0");
        if (backend == null) {
            map.put("telltale.backend", "none");
        }
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        List<dev.telltale.spi.Backend> all = backend == null ? List.of() : List.of(backend);
        CoreEngine engine = (CoreEngine) CoreEngine.start(map, false, shutdownHook, Backends.of(all, m -> {
            throw new AssertionError(m);
        }), jvm);
        engines.add(engine);
        return engine;
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} while a recording takes Telltale's events and contexts; what it recorded. */
    private List<RecordedEvent> recordWhile(Body body) throws Exception {
        Path file = dir.resolve("r" + System.nanoTime() + ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.Event");
            recording.enable("dev.telltale.ContextFinished");
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file);
    }

    private static long count(List<RecordedEvent> events, String source) {
        return events.stream().filter(e -> e.getEventType().getName().equals("dev.telltale.Event"))
                .filter(e -> source.equals(e.getString("source"))).count();
    }
}
