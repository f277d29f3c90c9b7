package dev.telltale.core.internal.watch;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the thread dumps of hangs into the output directory ({@code telltale.watch.hang.dir}),
 * one file each, named {@code stacktrace-<yyyyMMdd-HHmmss.SSSSSS>-<n>.txt} after the time it was
 * taken and its place in its set, in jstack's format: the platform threads ({@code ThreadMXBean}
 * sees no virtual thread), then, with {@code telltale.watch.hang.virtual-threads} (the default)
 * on JDK 21+, the virtual threads in the same block form (see {@link VirtualThreadDump}), from a
 * JSON dump of the JVM's written to a hidden file beside and deleted after. On the watcher thread
 * only.
 */
final class HangDumps {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSSSSS");

    private final Path dir;
    private final boolean synchronizers;
    private final VirtualThreadDump.JsonDumper virtualThreads;
    private final int virtualLimit;
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private volatile boolean checked;

    HangDumps(Path dir, boolean synchronizers, boolean virtualThreads) {
        this(dir, synchronizers, virtualThreads && VirtualThreadDump.available() ? VirtualThreadDump::dumpJson : null,
                VirtualThreadDump.MAX_THREADS);
    }

    /** With {@code virtualThreads} null for platform threads only, else at most {@code virtualLimit} virtual ones. */
    HangDumps(Path dir, boolean synchronizers, VirtualThreadDump.JsonDumper virtualThreads, int virtualLimit) {
        this.dir = dir;
        this.synchronizers = synchronizers;
        this.virtualThreads = virtualThreads;
        this.virtualLimit = virtualLimit;
    }

    Path dir() {
        return dir;
    }

    /**
     * Makes the directory and proves it writable with a file made and deleted; once is enough.
     *
     * @throws IllegalStateException naming the directory and the reason, if it cannot be written
     */
    void checkWritable() {
        if (checked) {
            return;
        }
        Path absolute = dir.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
            Path probe = Files.createTempFile(absolute, ".telltale-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new IllegalStateException("telltale.watch.hang.dir: cannot write hang dumps to " + absolute + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); set telltale.watch.hang.dir to a writable directory",
                    e);
        }
        checked = true;
    }

    /** A written dump: its file (one, in a list) and the platform threads in it. */
    record Written(List<Path> files, ThreadInfo[] threads) {}

    /**
     * Dumps all threads into a new file, number {@code n} of its set: the platform threads, then,
     * when configured and on JDK 21+, the virtual ones. A failure of the virtual part leaves the
     * platform part written and a line saying why.
     *
     * @throws IOException if the file cannot be written
     */
    Written write(int n) throws IOException {
        Files.createDirectories(dir);
        String stamp = STAMP.format(LocalDateTime.now());
        Path file = dir.resolve("stacktrace-" + stamp + "-" + n + ".txt");
        for (int attempt = 1; Files.exists(file); attempt++) { // two loops hung in the same microsecond
            file = dir.resolve("stacktrace-" + stamp + "-" + n + "." + attempt + ".txt");
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ThreadInfo[] threads = ThreadDump.write(mx, synchronizers, out);
            if (virtualThreads != null) {
                out.flush(); // the platform part is on disk whatever happens next
                VirtualThreadDump.append(file.resolveSibling("." + file.getFileName() + ".json"), virtualThreads, threads,
                        virtualLimit, out);
            }
            return new Written(List.of(file), threads);
        }
    }
}
