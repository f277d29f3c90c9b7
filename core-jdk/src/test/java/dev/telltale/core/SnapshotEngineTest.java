package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import dev.telltale.snapshot.Snapshots;
import dev.telltale.spi.Envelope;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An engine's snapshots: saved files, their events, the caller's values, failures and the uncaught handler. */
@Timeout(120)
class SnapshotEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static void charge(int cents) {
        throw new IllegalStateException("card declined: " + cents);
    }

    @Test
    void save_publishesSnapshotSaved_andPutsTheCallersValuesOnItsFrame() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        try (StartedEngines engines = new StartedEngines()) {
            Engine engine = engines.start(backend, "telltale.snapshot.dir", dir.toString());
            Optional<Path> file;
            try {
                charge(1299);
                throw new AssertionError("charge returned");
            } catch (IllegalStateException e) {
                file = engine.snapshots().save(e, Map.of("cents", 1299, "cardToken", "tok_visa"));
            }
            assertTrue(file.isPresent());
            assertTrue(engine.flush(WAIT));
            Envelope saved = backend.received().stream()
                    .filter(x -> "snapshot.saved".equals(x.headers().get(Envelope.KIND_HEADER))).findFirst().orElseThrow();
            Map<?, ?> fields = (Map<?, ?>) JsonReader.parseObject(new String(saved.payload(), StandardCharsets.UTF_8)).get("fields");
            assertEquals(file.get().toAbsolutePath().toString(), fields.get("file"));
            assertEquals("java.lang.IllegalStateException", fields.get("exception"));
            assertEquals("card declined: 1299", fields.get("message"));
            assertEquals(false, fields.get("uncaught"));
            assertEquals("telltale.snapshot", saved.routingKey());

            Map<String, Object> doc = JsonReader.parseObject(Files.readString(file.get()));
            List<?> frames = (List<?>) ((Map<?, ?>) ((List<?>) doc.get("throwables")).get(0)).get("frames");
            Map<?, ?> catching = (Map<?, ?>) frames.get(1); // charge, then this test method
            assertEquals("save_publishesSnapshotSaved_andPutsTheCallersValuesOnItsFrame", catching.get("method"));
            Map<?, ?> values = (Map<?, ?>) catching.get("values");
            Map<?, ?> given = (Map<?, ?>) values.get("given");
            assertEquals(1299L, given.get("cents"));
            assertEquals(Map.of("$type", "java.lang.String", "$redacted", true), given.get("cardToken"));
            assertFalse(doc.containsKey("values"), "nothing left without a frame");
            Map<?, ?> locals = (Map<?, ?>) doc.get("locals");
            assertEquals(false, locals.get("read"), "this JVM does not open java.lang");
            assertTrue(((String) locals.get("reason")).startsWith("reading live frames needs --add-opens java.base/java.lang="),
                    locals.toString());
        }
    }

    @Test
    void callerNotInTheTrace_valuesGoToTheSnapshotAsAWhole() throws Exception {
        try (StartedEngines engines = new StartedEngines()) {
            Engine engine = engines.start(new RecordingBackend(), "telltale.snapshot.dir", dir.toString());
            Path file = engine.snapshots().save(new RuntimeException("elsewhere") {
                @Override
                public synchronized Throwable fillInStackTrace() {
                    return this; // no frames at all
                }
            }, Map.of("order", "A-1")).orElseThrow();
            assertEquals(Map.of("order", "A-1"), JsonReader.parseObject(Files.readString(file)).get("values"));
        }
    }

    @Test
    void directoryUnwritable_saveReturnsEmpty_andPublishesSnapshotFailed() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        try (StartedEngines engines = new StartedEngines()) {
            Engine engine = engines.start(backend, "telltale.snapshot.dir", blocker.resolve("sub").toString());
            assertEquals(Optional.empty(), engine.snapshots().save(new IllegalStateException("x")));
            assertTrue(engine.flush(WAIT));
            Envelope failed = backend.received().stream()
                    .filter(x -> "snapshot.failed".equals(x.headers().get(Envelope.KIND_HEADER))).findFirst().orElseThrow();
            String text = new String(failed.payload(), StandardCharsets.UTF_8);
            assertTrue(text.contains("\"exception\":\"java.lang.IllegalStateException\""), text);
            assertTrue(text.contains("\"error\":\"java.nio.file.FileSystemException") || text.contains("\"error\":\"java.nio.file."), text);
        }
    }

    @Test
    void recordingOn_save_recordsCrashSnapshotNamingTheFile() throws Exception {
        Path jfr = dir.resolve("s.jfr");
        Path file;
        try (Recording recording = new Recording(); StartedEngines engines = new StartedEngines()) {
            recording.enable("dev.telltale.CrashSnapshot");
            recording.start();
            Engine engine = engines.start(new RecordingBackend(), "telltale.snapshot.dir", dir.toString());
            file = engine.snapshots().save(new IllegalArgumentException("bad sku")).orElseThrow();
            recording.stop();
            recording.dump(jfr);
        }
        RecordedEvent r = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.CrashSnapshot")).findFirst()
                .orElseThrow(() -> new AssertionError("no dev.telltale.CrashSnapshot"));
        assertEquals(file.toAbsolutePath().toString(), r.getString("file"));
        assertEquals("java.lang.IllegalArgumentException", r.getString("exceptionClass"));
        assertEquals("bad sku", r.getString("message"));
    }

    @Test
    void uncaughtHandlerInChildJvm_savesTheSnapshot_thenPrintsAsTheJvmWould() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DiesUncaught.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        boolean ended = child.waitFor(90, TimeUnit.SECONDS);
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            child.destroyForcibly();
        }
        assertTrue(ended, out);
        assertEquals(1, child.exitValue(), out);
        assertTrue(out.contains("Exception in thread \"main\" java.lang.IllegalStateException: the worker gave up"), out);
        assertTrue(out.contains("previous handler ran: false"), "no previous handler, so the JVM's own text: " + out);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> saved = files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
            assertEquals(1, saved.size(), saved.toString());
            Map<String, Object> doc = JsonReader.parseObject(Files.readString(saved.get(0)));
            assertEquals(true, doc.get("uncaught"));
            assertEquals("main", ((Map<?, ?>) doc.get("thread")).get("name"));
        }
    }

    @Test
    void installation_chainsToThePreviousHandler_andCloseRestoresIt() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        List<Throwable> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = (t, e) -> seen.add(e);
        Thread.setDefaultUncaughtExceptionHandler(previous);
        try (StartedEngines engines = new StartedEngines()) {
            Engine engine = engines.start(new RecordingBackend(), "telltale.snapshot.dir", dir.toString());
            Snapshots.Installation installed = engine.snapshots().installUncaughtHandler();
            Thread worker = new Thread(() -> {
                throw new IllegalStateException("worker failed");
            }, "worker-1");
            worker.start();
            worker.join(WAIT.toMillis());
            assertEquals(1, seen.size(), "handed on to the previous handler");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(1, files.count());
            }
            installed.close();
            assertEquals(previous, Thread.getDefaultUncaughtExceptionHandler());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void javaLangOpenedInChildJvm_save_recordsTheLocalsOfTheCatchingFrame() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SavesWithLocals.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        boolean ended = child.waitFor(90, TimeUnit.SECONDS);
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            child.destroyForcibly();
        }
        assertTrue(ended, out);
        assertEquals(0, child.exitValue(), out);
        Path file = Path.of(out.strip().lines().reduce((a, b) -> b).orElseThrow());
        Map<String, Object> doc = JsonReader.parseObject(Files.readString(file));
        assertEquals(true, ((Map<?, ?>) doc.get("locals")).get("read"), doc.get("locals").toString());
        List<?> frames = (List<?>) ((Map<?, ?>) ((List<?>) doc.get("throwables")).get(0)).get("frames");
        Map<?, ?> catching = (Map<?, ?>) frames.get(1);
        assertEquals("main", catching.get("method"));
        Map<?, ?> values = (Map<?, ?>) catching.get("values");
        Map<?, ?> slots = (Map<?, ?>) values.get("locals");
        assertEquals("tea-42", slots.get("sku"), "named from the LocalVariableTable: " + slots);
        assertEquals(7L, slots.get("quantity"), "an int, as its raw slot: " + slots);
        assertTrue(((Map<?, ?>) slots.get("e")).get("$repr").toString().contains("out of tea-42 x7"), slots.toString());
        assertEquals(Map.of("$type", "java.lang.String", "$redacted", true), slots.get("apiToken"), slots.toString());
        assertEquals(Map.of("note", "given"), values.get("given"));
    }

    @Test
    void fatalErrorWhileSaving_uncaughtHandler_handsTheExceptionOnFirst_thenRethrows() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        List<Throwable> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> seen.add(e));
        RuntimeException poisoned = new RuntimeException("poisoned") {
            @Override
            public StackTraceElement[] getStackTrace() {
                throw new OutOfMemoryError("while reading the trace");
            }
        };
        try (StartedEngines engines = new StartedEngines()) {
            Engine engine = engines.start(new RecordingBackend(), "telltale.snapshot.dir", dir.toString());
            try (Snapshots.Installation ignored = engine.snapshots().installUncaughtHandler()) {
                Thread.UncaughtExceptionHandler installed = Thread.getDefaultUncaughtExceptionHandler();
                OutOfMemoryError e = org.junit.jupiter.api.Assertions.assertThrows(OutOfMemoryError.class,
                        () -> installed.uncaughtException(Thread.currentThread(), poisoned));
                assertEquals("while reading the trace", e.getMessage());
                assertEquals(List.of(poisoned), seen, "handed on before the fatal error went up");
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    /** The child: catches an exception in main, where locals are alive, and saves it. */
    public static final class SavesWithLocals {
        public static void main(String[] args) {
            Engine engine = CoreEngine.start(Map.of("telltale.backend", "none", "telltale.snapshot.dir", args[0]),
                    false, false, Backends.of(List.of(), m -> { }));
            String sku = "tea-42";
            int quantity = 7;
            String apiToken = "secret-1";
            try {
                fail(sku, quantity);
            } catch (IllegalStateException e) {
                System.out.println(engine.snapshots().save(e, Map.of("note", "given")).orElseThrow());
            }
            engine.close();
        }

        private static void fail(String sku, int quantity) {
            throw new IllegalStateException("out of " + sku + " x" + quantity);
        }
    }

    /** The child: installs the handler on an engine and lets an exception escape main. */
    public static final class DiesUncaught {
        public static void main(String[] args) {
            Engine engine = CoreEngine.start(Map.of("telltale.backend", "none", "telltale.snapshot.dir", args[0]),
                    false, true, Backends.of(List.of(), m -> { }));
            engine.snapshots().installUncaughtHandler();
            System.out.println("previous handler ran: false");
            throw new IllegalStateException("the worker gave up");
        }
    }
}
