package dev.telltale.core.internal.snapshot;

import dev.telltale.internal.Fatal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exception graph of a snapshot: each throwable once, in the order {@code printStackTrace}
 * meets them (the throwable, then its suppressed ones, then its cause), each naming its cause
 * and suppressed throwables by index, so that a cycle is a back reference and nothing is lost.
 * Not thread-safe; never throws but fatally (a {@code getMessage()}, {@code toString()} or {@code
 * getCause()} that throws is recorded as what it threw).
 */
final class ThrowableGraph {

    private final SnapshotSettings settings;
    private final SourceLines source;
    private final IdentityHashMap<Throwable, Integer> index = new IdentityHashMap<>();
    private final List<Map<String, Object>> throwables = new ArrayList<>();

    ThrowableGraph(SnapshotSettings settings, SourceLines source) {
        this.settings = settings;
        this.source = source;
    }

    /** Adds {@code top} and everything reachable from it; returns the list (top first). */
    List<Map<String, Object>> walk(Throwable top) {
        add(top);
        return throwables;
    }

    /** Adds {@code t} unless known, then what it refers to; returns its index. */
    private int add(Throwable t) {
        Integer known = index.get(t);
        if (known != null) {
            return known;
        }
        int i = throwables.size();
        index.put(t, i);
        Map<String, Object> m = new LinkedHashMap<>();
        throwables.add(m);
        m.put("class", t.getClass().getName());
        String message = null;
        try {
            message = t.getMessage();
        } catch (Throwable e) {
            Fatal.propagateIfFatal(e);
            m.put("messageError", ValueCapture.describe(e));
        }
        m.put("message", message);
        String text;
        try {
            text = t.toString();
        } catch (Throwable e) {
            Fatal.propagateIfFatal(e);
            text = t.getClass().getName() + (message == null ? "" : ": " + message);
        }
        m.put("text", text);
        List<Object> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            frames.add(frame(e));
        }
        m.put("frames", frames);
        List<Object> suppressed = new ArrayList<>();
        for (Throwable s : t.getSuppressed()) {
            suppressed.add((long) add(s));
        }
        if (!suppressed.isEmpty()) {
            m.put("suppressed", suppressed);
        }
        Throwable cause = null;
        try {
            cause = t.getCause();
        } catch (Throwable e) {
            Fatal.propagateIfFatal(e);
            m.put("causeError", ValueCapture.describe(e));
        }
        if (cause != null) {
            m.put("cause", (long) add(cause));
        }
        return i;
    }

    private Map<String, Object> frame(StackTraceElement e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("class", e.getClassName());
        f.put("method", e.getMethodName());
        putIfPresent(f, "file", e.getFileName());
        f.put("line", (long) e.getLineNumber());
        putIfPresent(f, "module", e.getModuleName());
        putIfPresent(f, "moduleVersion", e.getModuleVersion());
        putIfPresent(f, "classLoader", e.getClassLoaderName());
        f.put("text", e.toString());
        boolean inApp = settings.inApp(e.getClassName());
        f.put("inApp", inApp);
        if (inApp && source != null) {
            Map<String, Object> lines = source.around(e.getClassName(), e.getFileName(), e.getLineNumber());
            if (lines != null) {
                f.put("source", lines);
            }
        }
        return f;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
