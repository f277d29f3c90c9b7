package dev.telltale.core.internal.snapshot;

import dev.telltale.internal.Fatal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the document of one snapshot (the layout is in {@code docs/SNAPSHOT.md}) from a
 * throwable, the thread it belongs to and the values that go with it. Runs on the thread that
 * saves the snapshot; stateless but for the source cache, so thread-safe. Never throws but
 * fatally.
 */
public final class SnapshotCapture {

    /** The document's {@code format}. */
    public static final String FORMAT = "telltale-snapshot";
    /** The document's {@code version}. */
    public static final int VERSION = 1;

    private final SnapshotSettings settings;
    private final SourceLines source;
    private final String host;
    private final long pid;

    /** A capture for {@code settings}, stamping {@code host} and {@code pid}. */
    public SnapshotCapture(SnapshotSettings settings, String host, long pid) {
        this.settings = settings;
        this.source = settings.source() ? new SourceLines(settings.sourceRoots(), System.getProperty("java.class.path"),
                settings.sourceContext(), settings.maxChars()) : null;
        this.host = host;
        this.pid = pid;
    }

    /** The settings. */
    public SnapshotSettings settings() {
        return settings;
    }

    /**
     * The document for {@code error}, seen on {@code thread}.
     *
     * @param uncaught whether nobody caught it
     * @param frameValues values by frame of {@code error}'s own stack trace (index into it)
     * @param otherValues values that belong to no frame (null for none)
     * @param locals what the document says about local variables
     */
    public Map<String, Object> capture(Throwable error, Thread thread, boolean uncaught,
            Map<Integer, FrameValues> frameValues, Map<String, ?> otherValues, Map<String, Object> locals) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", (long) VERSION);
        doc.put("time", Instant.now().toString());
        doc.put("host", host);
        doc.put("pid", pid);
        doc.put("uncaught", uncaught);
        doc.put("thread", thread(thread));
        doc.put("jvm", Map.of("version", Runtime.version().toString(),
                "vendor", String.valueOf(System.getProperty("java.vm.vendor")),
                "name", String.valueOf(System.getProperty("java.vm.name"))));
        doc.put("properties", properties());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("depth", (long) settings.depth());
        limits.put("maxChars", (long) settings.maxChars());
        limits.put("maxItems", (long) settings.maxItems());
        limits.put("maxBytes", settings.maxBytes());
        doc.put("limits", limits);
        doc.put("locals", locals);
        List<Map<String, Object>> throwables = new ThrowableGraph(settings, source).walk(error);
        ValueCapture values = new ValueCapture(settings);
        List<?> topFrames = (List<?>) throwables.get(0).get("frames");
        for (Map.Entry<Integer, FrameValues> e : frameValues.entrySet()) {
            int i = e.getKey();
            if (i >= 0 && i < topFrames.size()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> frame = (Map<String, Object>) topFrames.get(i);
                frame.put("values", e.getValue().capture(values));
            }
        }
        if (otherValues != null && !otherValues.isEmpty()) {
            doc.put("values", values.named(otherValues));
        }
        doc.put("truncated", values.truncated());
        doc.put("exception", 0L);
        doc.put("throwables", throwables);
        return doc;
    }

    private static Map<String, Object> thread(Thread t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.getName());
        m.put("id", t.getId());
        m.put("daemon", t.isDaemon());
        m.put("priority", (long) t.getPriority());
        ThreadGroup group = t.getThreadGroup();
        if (group != null) {
            m.put("group", group.getName());
        }
        return m;
    }

    private Map<String, Object> properties() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : settings.properties()) {
            try {
                m.put(name, System.getProperty(name));
            } catch (Throwable t) { // a security manager may refuse
                Fatal.propagateIfFatal(t);
                m.put(name, null);
            }
        }
        return m;
    }

    /**
     * What was seen of one frame: its receiver ({@code this}) and arguments (from a probe), its
     * local variable slots (from the live frame) and values the caller of {@code save} gave.
     * Null maps, and a receiver with {@code hasReceiver} false, are left out.
     */
    public record FrameValues(Object receiver, boolean hasReceiver, Map<String, ?> arguments, Map<String, ?> locals,
            Map<String, ?> given) {

        /** Values given to {@code save} only. */
        public static FrameValues given(Map<String, ?> values) {
            return new FrameValues(null, false, null, null, values);
        }

        /** A probe's receiver (null for a static method) and arguments. */
        public static FrameValues probe(Object receiver, Map<String, ?> arguments) {
            return new FrameValues(receiver, receiver != null, arguments, null, null);
        }

        Map<String, Object> capture(ValueCapture values) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (hasReceiver) {
                m.put("this", values.value(receiver));
            }
            put(m, "arguments", arguments, values);
            put(m, "locals", locals, values);
            put(m, "given", given, values);
            return m;
        }

        private static void put(Map<String, Object> m, String key, Map<String, ?> named, ValueCapture values) {
            if (named != null && !named.isEmpty()) {
                m.put(key, values.named(named));
            }
        }
    }
}
