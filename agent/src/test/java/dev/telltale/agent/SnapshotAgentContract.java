package dev.telltale.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.tool.SnapshotFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A {@code snapshot} probe instrument on a named method, through the agent, in a child JVM that
 * has no Telltale on its class path ({@code com.example.crash.CrashApp}, started with {@code
 * -javaagent}; the probe attached by process id): the saved snapshot, read back, carries on the
 * probed method's frame its receiver, its arguments and (with {@code --add-opens
 * java.base/java.lang=ALL-UNNAMED}) its local variables by name, read from the live frame while
 * the agent's fail hook runs in it; without the option it says why the locals are absent. On one
 * JDK (the subclasses choose it).
 */
abstract class SnapshotAgentContract {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PAY = "com.example.crash.Checkout#pay";
    private static final String OPENS = "java.base/java.lang=ALL-UNNAMED";

    /** The JDK the child runs on; skips (by assumption) when it is absent. */
    abstract Path javaHome();

    /** Starts the child, attaches the snapshot probe, makes pay throw once; returns the snapshot read back. */
    private SnapshotFile crash(List<String> options) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-javaagent:" + ChildJvm.AGENT_JAR.toAbsolutePath()));
        jvm.addAll(options);
        ChildJvm child = new ChildJvm(javaHome(), jvm, List.of("-cp", ChildJvm.CLASSES, "com.example.crash.CrashApp"));
        try {
            Properties r = child.request(Map.of("command", "attach", "target", PAY, "instrument", "snapshot",
                    "event", "exception", "name", "crash", "telltale.snapshot.source", "false"));
            assertEquals("true", r.getProperty("ok"), () -> "response " + r + "; stderr: " + child.stderr());
            child.send("crash");
            String caught = child.readLine(WAIT);
            assertEquals("caught card declined for ada (3766 cents) in order 7", caught,
                    () -> "the application sees its own exception, unchanged; stderr: " + child.stderr());
            child.await("snapshot.saved", e -> "snapshot.saved".equals(e.get("kind")), WAIT);
            Path file = only(child.dir.resolve("telltale-out/snapshots"));
            return SnapshotFile.read(file);
        } finally {
            child.close(); // bounded: quit, then killed
            deleteTree(child.dir); // the snapshot was read into memory
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is no failure of the case
        }
    }

    private static Path only(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
            assertEquals(1, all.size(), () -> "one snapshot in " + dir + ": " + all);
            return all.get(0);
        }
    }

    /** The frame of Checkout.pay, checked to be where the trace has it: below charge, above CrashApp.main. */
    private static SnapshotFile.Frame pay(SnapshotFile snapshot) {
        List<SnapshotFile.Frame> frames = snapshot.frames();
        assertEquals("com.example.crash.Checkout.charge", name(frames.get(0)), frames.toString());
        assertEquals("com.example.crash.Checkout.pay", name(frames.get(1)), frames.toString());
        assertEquals("com.example.crash.CrashApp.main", name(frames.get(2)), frames.toString());
        for (SnapshotFile.Frame f : frames) {
            assertFalse(name(f).startsWith("dev.telltale."), () -> "no frame of Telltale or its bridge: " + f);
        }
        return frames.get(1);
    }

    private static String name(SnapshotFile.Frame f) {
        return f.document().get("class") + "." + f.document().get("method");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map<?, ?>, () -> "a JSON object: " + o);
        return (Map<String, Object>) o;
    }

    private static void receiverAndArguments(Map<String, Object> values) {
        Map<String, Object> self = map(values.get("this"));
        assertEquals("com.example.crash.Checkout", self.get("$type"), self.toString());
        assertEquals("north", map(self.get("fields")).get("shop"), self.toString());
        assertEquals(Map.of("arg0", "ada", "arg1", 3L), values.get("arguments"));
    }

    private static void assertReferenceOrUnavailable(Object expected, String type, Object actual) {
        if (expected != null && expected.equals(actual)) {
            return;
        }
        Map<String, Object> marker = map(actual);
        assertEquals(type, marker.get("$type"), marker.toString());
        assertTrue(String.valueOf(marker.get("$unavailable")).startsWith("the JVM does not hold it as a reference"),
                marker.toString());
    }

    @Test
    void namedMethodThroughTheAgent_withAddOpens_snapshotHasReceiverArgumentsAndLocalsOnItsFrame() throws Exception {
        SnapshotFile snapshot = crash(List.of("--add-opens", OPENS));
        Map<String, Object> locals = map(snapshot.document().get("locals"));
        assertEquals(true, locals.get("read"), locals.toString());

        Map<String, Object> values = pay(snapshot).values();
        receiverAndArguments(values);
        Map<String, Object> slots = map(values.get("locals"));
        assertEquals("ada", slots.get("customer"), slots.toString());
        assertEquals(3L, slots.get("quantity"), slots.toString());
        assertEquals(3750L, slots.get("cents"), slots.toString());
        assertEquals(true, map(slots.get("apiToken")).get("$redacted"), "a token's name is redacted: " + slots);
        assertEquals("java.lang.String", map(slots.get("apiToken")).get("$type"), slots.toString());
        // a reference the body set: its value, or (where the JVM does not type the slot as a reference at
        // the hook's handler, as with the rewriters of today) a marker with its declared type, never raw bits
        assertReferenceOrUnavailable("SKU-3", "java.lang.String", slots.get("sku"));
        Object items = slots.get("items");
        if (items instanceof Map<?, ?> m && m.containsKey("size")) {
            assertEquals(2L, m.get("size"), slots.toString());
        } else {
            assertReferenceOrUnavailable(null, "java.util.List", items);
        }
        assertTrue(map(slots.get("this")).containsKey("$ref"), "this: the receiver, written once above: " + slots);
        assertEquals(List.of("this", "customer", "quantity", "sku", "cents", "apiToken", "items"),
                List.copyOf(slots.keySet()), "the variables in scope where the exception left pay, and only those");

        Map<String, Object> main = snapshot.frames().get(2).values();
        assertEquals(7L, map(main.get("locals")).get("order"), "the caller's frame is alive too: " + main);
        assertTrue(snapshot.frames().get(0).values().isEmpty(), "charge's frame was gone: nothing on it");
        assertNotNull(snapshot.throwable());
    }

    @Test
    void namedMethodThroughTheAgent_withoutAddOpens_hasReceiverAndArguments_andSaysWhyNoLocals() throws Exception {
        SnapshotFile snapshot = crash(List.of());
        Map<String, Object> locals = map(snapshot.document().get("locals"));
        assertEquals(false, locals.get("read"), locals.toString());
        assertTrue(String.valueOf(locals.get("reason")).startsWith("reading live frames needs --add-opens " + OPENS),
                locals.toString());

        Map<String, Object> values = pay(snapshot).values();
        receiverAndArguments(values);
        assertFalse(values.containsKey("locals"), values.toString());
    }
}
