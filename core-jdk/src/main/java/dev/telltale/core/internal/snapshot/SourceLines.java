package dev.telltale.core.internal.snapshot;

import dev.telltale.internal.Fatal;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the source lines around a frame: in the configured source roots (a directory holding
 * sources by package), then in {@code -sources.jar} files on the class path (a jar named there
 * itself, or one lying beside a jar of the class path, as Maven's repository keeps them). Files
 * read are kept, at most {@value #CACHED_FILES} of them, so that the next snapshot of the same
 * code reads nothing. Thread-safe (synchronized: snapshots are rare); never throws but fatally,
 * a file that cannot be read counts as not found.
 */
final class SourceLines {

    static final int CACHED_FILES = 64;
    private static final String[] NONE = new String[0];

    private final List<Path> roots;
    private final List<Path> sourceJars;
    private final int context;
    private final int maxChars;
    private final Map<String, String[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
            return size() > CACHED_FILES;
        }
    };

    SourceLines(List<Path> roots, String classPath, int context, int maxChars) {
        this.roots = List.copyOf(roots);
        this.sourceJars = sourceJars(classPath);
        this.context = context;
        this.maxChars = maxChars;
    }

    /** The {@code -sources.jar} files the class path names or has beside its jars. */
    static List<Path> sourceJars(String classPath) {
        List<Path> out = new ArrayList<>();
        if (classPath == null) {
            return out;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            Path jar = Path.of(entry);
            Path candidate = entry.endsWith("-sources.jar") ? jar
                    : jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "-sources.jar"));
            if (!out.contains(candidate) && Files.isRegularFile(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }

    /**
     * The lines around {@code line} of the source of {@code className} in {@code fileName}, as
     * {@code {"path": …, "first": n, "line": line, "lines": [...]}}; null when not found.
     */
    synchronized Map<String, Object> around(String className, String fileName, int line) {
        if (fileName == null || line <= 0) {
            return null;
        }
        String path = relativePath(className, fileName);
        String[] lines = cache.get(path);
        if (lines == null) {
            lines = read(path);
            cache.put(path, lines);
        }
        if (lines.length < line) {
            return null;
        }
        int first = Math.max(1, line - context);
        int last = Math.min(lines.length, line + context);
        List<Object> text = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            text.add(ValueCapture.cut(lines[i - 1], maxChars));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        out.put("first", (long) first);
        out.put("lines", text);
        return out;
    }

    /** {@code com/acme/Shop.java} for class {@code com.acme.Shop$Cart} in file {@code Shop.java}. */
    static String relativePath(String className, String fileName) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? fileName : className.substring(0, dot).replace('.', '/') + "/" + fileName;
    }

    private String[] read(String path) {
        try {
            for (Path root : roots) {
                Path file = root.resolve(path);
                if (Files.isRegularFile(file)) {
                    return lines(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            for (Path jar : sourceJars) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry entry = zip.getEntry(path);
                    if (entry != null) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return NONE;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return NONE;
        }
        return NONE;
    }

    private static String[] lines(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        return lines.length > 0 && lines[lines.length - 1].isEmpty() ? Arrays.copyOf(lines, lines.length - 1) : lines;
    }
}
