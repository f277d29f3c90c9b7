package dev.telltale.core.internal.snapshot;

import dev.telltale.core.internal.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a snapshot file (JSON, or gzip-compressed JSON, told apart by their first bytes), checks
 * that it is one, and restores its throwable. Stateless; thread-safe. Every problem with the
 * content is an {@link IllegalArgumentException} whose message names the file and what is wrong
 * (and, for a member, its path such as {@code throwables[1].frames[3].line}).
 */
public final class SnapshotReader {

    private SnapshotReader() {}

    /**
     * The checked document in {@code file}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no snapshot, a truncated one or a malformed one
     */
    public static Map<String, Object> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new IllegalArgumentException(file + ": empty file, not a snapshot");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (EOFException e) {
                throw new IllegalArgumentException(file + ": truncated gzip data (the file ends too early)");
            } catch (ZipException e) {
                throw new IllegalArgumentException(file + ": corrupt gzip data (" + e.getMessage() + ")");
            }
        }
        Map<String, Object> doc;
        try {
            doc = JsonReader.parseObject(bytes, 0, bytes.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a readable snapshot, " + e.getMessage()
                    + (looksTruncated(bytes) ? " (the file looks truncated)" : ""), e);
        }
        try {
            check(doc);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return doc;
    }

    private static boolean looksTruncated(byte[] json) {
        int i = json.length - 1;
        while (i >= 0 && Character.isWhitespace(json[i])) {
            i--;
        }
        return i >= 0 && json[0] == '{' && json[i] != '}';
    }

    /** Checks the members the restore and the command line rely on. */
    static void check(Map<String, Object> doc) {
        if (!SnapshotCapture.FORMAT.equals(doc.get("format"))) {
            throw new IllegalArgumentException("not a Telltale snapshot (no \"format\":\"" + SnapshotCapture.FORMAT + "\")");
        }
        Object version = doc.get("version");
        if (!(version instanceof Long v) || v != SnapshotCapture.VERSION) {
            throw new IllegalArgumentException("unsupported snapshot version " + version + " (this reader knows "
                    + SnapshotCapture.VERSION + ")");
        }
        List<?> throwables = list(doc, "throwables", "throwables");
        if (throwables.isEmpty()) {
            throw new IllegalArgumentException("throwables: empty, a snapshot holds at least one");
        }
        for (int i = 0; i < throwables.size(); i++) {
            String where = "throwables[" + i + "]";
            if (!(throwables.get(i) instanceof Map<?, ?> t)) {
                throw new IllegalArgumentException(where + ": expected an object");
            }
            string(t, "class", where, false);
            string(t, "message", where, true);
            string(t, "text", where, false);
            List<?> frames = list(t, "frames", where + ".frames");
            for (int j = 0; j < frames.size(); j++) {
                String fw = where + ".frames[" + j + "]";
                if (!(frames.get(j) instanceof Map<?, ?> f)) {
                    throw new IllegalArgumentException(fw + ": expected an object");
                }
                string(f, "class", fw, false);
                string(f, "method", fw, false);
                string(f, "file", fw, true);
                string(f, "module", fw, true);
                string(f, "moduleVersion", fw, true);
                string(f, "classLoader", fw, true);
                if (!(f.get("line") instanceof Long)) {
                    throw new IllegalArgumentException(fw + ".line: expected an integer, found " + f.get("line"));
                }
            }
            Object cause = t.get("cause");
            if (cause != null) {
                index(cause, throwables.size(), where + ".cause", i);
            }
            Object suppressed = t.get("suppressed");
            if (suppressed != null) {
                if (!(suppressed instanceof List<?> s)) {
                    throw new IllegalArgumentException(where + ".suppressed: expected an array");
                }
                for (int k = 0; k < s.size(); k++) {
                    index(s.get(k), throwables.size(), where + ".suppressed[" + k + "]", i);
                }
            }
        }
    }

    private static void index(Object value, int size, String where, int self) {
        if (!(value instanceof Long l) || l < 0 || l >= size) {
            throw new IllegalArgumentException(where + ": expected an index into throwables (0 to " + (size - 1)
                    + "), found " + value);
        }
        if (l == self) {
            throw new IllegalArgumentException(where + ": a throwable cannot be its own cause or suppress itself");
        }
    }

    private static List<?> list(Map<?, ?> m, String key, String where) {
        if (!(m.get(key) instanceof List<?> l)) {
            throw new IllegalArgumentException(where + ": expected an array, found " + describe(m.get(key)));
        }
        return l;
    }

    private static void string(Map<?, ?> m, String key, String where, boolean optional) {
        Object v = m.get(key);
        if (v == null && optional || v instanceof String) {
            return;
        }
        throw new IllegalArgumentException(where + "." + key + ": expected a string, found " + describe(v));
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v instanceof Map ? "an object" : v instanceof List ? "an array" : String.valueOf(v);
    }

    /** The throwable of a checked document, with its causes and suppressed throwables. */
    public static Throwable restore(Map<String, Object> doc) {
        List<?> list = (List<?>) doc.get("throwables");
        RestoredThrowable[] restored = new RestoredThrowable[list.size()];
        for (int i = 0; i < restored.length; i++) {
            Map<?, ?> t = (Map<?, ?>) list.get(i);
            List<?> frames = (List<?>) t.get("frames");
            StackTraceElement[] trace = new StackTraceElement[frames.size()];
            for (int j = 0; j < trace.length; j++) {
                trace[j] = element((Map<?, ?>) frames.get(j));
            }
            restored[i] = new RestoredThrowable((String) t.get("class"), (String) t.get("message"), (String) t.get("text"),
                    trace);
        }
        for (int i = 0; i < restored.length; i++) {
            Map<?, ?> t = (Map<?, ?>) list.get(i);
            if (t.get("suppressed") instanceof List<?> s) {
                for (Object k : s) {
                    restored[i].addSuppressed(restored[((Long) k).intValue()]);
                }
            }
            if (t.get("cause") instanceof Long c) {
                restored[i].initCause(restored[c.intValue()]);
            }
        }
        return restored[0];
    }

    /**
     * The frame as a {@link StackTraceElement} that prints as the original did: the JDK leaves out
     * the loader name of its built-in loaders and the version of its own modules when it prints,
     * which a constructed element does not know, so the form whose text matches the recorded one
     * is chosen.
     */
    static StackTraceElement element(Map<?, ?> f) {
        String loader = (String) f.get("classLoader");
        String module = (String) f.get("module");
        String version = (String) f.get("moduleVersion");
        String cls = (String) f.get("class");
        String method = (String) f.get("method");
        String file = (String) f.get("file");
        int line = ((Long) f.get("line")).intValue();
        StackTraceElement full = new StackTraceElement(loader, module, version, cls, method, file, line);
        Object text = f.get("text");
        if (text == null || full.toString().equals(text)) {
            return full;
        }
        StackTraceElement[] forms = {
            new StackTraceElement(null, module, version, cls, method, file, line),
            new StackTraceElement(loader, module, null, cls, method, file, line),
            new StackTraceElement(null, module, null, cls, method, file, line),
        };
        for (StackTraceElement e : forms) {
            if (e.toString().equals(text)) {
                return e;
            }
        }
        return full;
    }
}
