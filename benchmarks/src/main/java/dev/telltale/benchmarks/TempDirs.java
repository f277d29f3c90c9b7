package dev.telltale.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories under {@code java.io.tmpdir}, for the files the benchmarks write. */
final class TempDirs {

    private TempDirs() {}

    static Path create(String name) {
        try {
            return Files.createTempDirectory("telltale-bench-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /** Deletes {@code dir} and everything in it; a failure is printed, not thrown. */
    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e);
        }
    }

    /** The total size of the files in {@code dir}. */
    static long size(Path dir) {
        try (Stream<Path> paths = Files.list(dir)) {
            long n = 0;
            for (Path p : paths.toList()) {
                n += Files.size(p);
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }
}
