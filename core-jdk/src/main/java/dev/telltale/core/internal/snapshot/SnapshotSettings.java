package dev.telltale.core.internal.snapshot;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What shapes a snapshot, read from the {@code telltale.snapshot.*} keys (whose ranges the
 * configuration checked when it was loaded).
 *
 * @param dir where snapshots are saved
 * @param depth how deep values are read: 0 only their representations, -1 up to {@link #MAX_DEPTH}
 * @param maxChars longest string kept
 * @param maxItems most elements kept per collection, map or array
 * @param maxBytes the values' budget, in estimated encoded bytes
 * @param redact lower-case name parts, without {@code -} and {@code _}, whose values are redacted
 * @param appPackages package prefixes of in-app classes; empty for everything outside the JDK and Telltale's core
 * @param properties the system properties recorded
 * @param gzip whether files are gzip-compressed
 * @param source whether source lines are recorded
 * @param sourceRoots directories searched for source files
 * @param sourceContext lines recorded before and after a frame's line
 * @param locals whether the locals of live frames are read (where the JVM allows it)
 */
public record SnapshotSettings(Path dir, int depth, int maxChars, int maxItems, long maxBytes, List<String> redact,
        List<String> appPackages, List<String> properties, boolean gzip, boolean source, List<Path> sourceRoots,
        int sourceContext, boolean locals) {

    /** The deepest a value is read with depth -1: what the JSON reader still accepts, with room. */
    public static final int MAX_DEPTH = 200;

    /** Copies the lists. */
    public SnapshotSettings {
        redact = List.copyOf(redact);
        appPackages = List.copyOf(appPackages);
        properties = List.copyOf(properties);
        sourceRoots = List.copyOf(sourceRoots);
    }

    /** The settings of {@code config}. */
    public static SnapshotSettings from(Config config) {
        List<Path> roots = new ArrayList<>();
        for (String root : list(config.string(CoreKeys.SNAPSHOT_SOURCE_ROOTS))) {
            Path p = path(root);
            if (p != null) {
                roots.add(p);
            }
        }
        Path dir = path(config.string(CoreKeys.SNAPSHOT_DIR));
        List<String> redact = new ArrayList<>();
        for (String name : list(config.string(CoreKeys.SNAPSHOT_REDACT))) {
            redact.add(normalized(name));
        }
        return new SnapshotSettings(dir == null ? Path.of(CoreKeys.SNAPSHOT_DIR.defaultValue()) : dir,
                config.integer(CoreKeys.SNAPSHOT_DEPTH),
                config.integer(CoreKeys.SNAPSHOT_MAX_CHARS), config.integer(CoreKeys.SNAPSHOT_MAX_ITEMS),
                config.size(CoreKeys.SNAPSHOT_MAX_BYTES), redact, list(config.string(CoreKeys.SNAPSHOT_APP_PACKAGES)),
                list(config.string(CoreKeys.SNAPSHOT_PROPERTIES)), config.bool(CoreKeys.SNAPSHOT_GZIP),
                config.bool(CoreKeys.SNAPSHOT_SOURCE), roots, config.integer(CoreKeys.SNAPSHOT_SOURCE_CONTEXT),
                config.bool(CoreKeys.SNAPSHOT_LOCALS));
    }

    /** The defaults, saving into {@code dir}: for tests. */
    public static SnapshotSettings defaults(Path dir) {
        return new SnapshotSettings(dir, 3, 1024, 100, 256 * 1024,
                List.of("password", "passwd", "secret", "token", "authorization", "apikey", "credential"), List.of(),
                List.of("java.version", "java.vendor"), false, true, List.of(), 3, true);
    }

    /** The effective depth: {@code depth}, or {@link #MAX_DEPTH} for -1. */
    public int effectiveDepth() {
        return depth < 0 ? MAX_DEPTH : Math.min(depth, MAX_DEPTH);
    }

    /** Whether a value named {@code name} is redacted. */
    public boolean redacts(String name) {
        if (name == null || redact.isEmpty()) {
            return false;
        }
        String n = normalized(name);
        for (String part : redact) {
            if (!part.isEmpty() && n.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** Whether frames of {@code className} are the application's own. */
    public boolean inApp(String className) {
        if (appPackages.isEmpty()) {
            return !(className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                    || className.startsWith("sun.") || className.startsWith("com.sun.")
                    || className.startsWith("dev.telltale.core.") || className.startsWith("dev.telltale.internal."));
        }
        for (String prefix : appPackages) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** With other values: for tests and the benchmark. */
    public SnapshotSettings withDepth(int newDepth) {
        return new SnapshotSettings(dir, newDepth, maxChars, maxItems, maxBytes, redact, appPackages, properties, gzip,
                source, sourceRoots, sourceContext, locals);
    }

    /** With another budget. */
    public SnapshotSettings withMaxBytes(long bytes) {
        return new SnapshotSettings(dir, depth, maxChars, maxItems, bytes, redact, appPackages, properties, gzip,
                source, sourceRoots, sourceContext, locals);
    }

    /** With gzip on or off. */
    public SnapshotSettings withGzip(boolean on) {
        return new SnapshotSettings(dir, depth, maxChars, maxItems, maxBytes, redact, appPackages, properties, on,
                source, sourceRoots, sourceContext, locals);
    }

    /** With source lines on or off, from these roots. */
    public SnapshotSettings withSource(boolean on, List<Path> roots) {
        return new SnapshotSettings(dir, depth, maxChars, maxItems, maxBytes, redact, appPackages, properties, gzip,
                on, roots, sourceContext, locals);
    }

    /** With these in-app package prefixes. */
    public SnapshotSettings withAppPackages(List<String> prefixes) {
        return new SnapshotSettings(dir, depth, maxChars, maxItems, maxBytes, redact, prefixes, properties, gzip,
                source, sourceRoots, sourceContext, locals);
    }

    /** With reading locals on or off. */
    public SnapshotSettings withLocals(boolean on) {
        return new SnapshotSettings(dir, depth, maxChars, maxItems, maxBytes, redact, appPackages, properties, gzip,
                source, sourceRoots, sourceContext, on);
    }

    /** The path, or null for text no path can be made of (a NUL char): a setting must not stop the engine. */
    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").strip();
    }

    private static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }
}
