package dev.telltale.benchmarks;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One of the three writers {@link ToFileBenchmark} compares: each writes the event {@code
 * order.placed} with the fields {@code id}, {@code status} "ok" and {@code total} 99.5 as one JSON
 * line, through a queue and one background thread, to a file in a directory of its own that rotates
 * at 256 MiB and keeps one rotated file.
 */
interface EventFile {

    /** Where the current file is. */
    String FILE_NAME = "events.jsonl";

    /** Rotate when the current file reaches this size. */
    long MAX_FILE_SIZE = 256L << 20;

    /** Writes one event with this id; called on the producer's thread, never blocks. */
    void write(long id);

    /**
     * Blocks until every event written so far has reached the file, or its appender; see the
     * implementations for which.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}, which means an
     *     event was lost
     */
    void awaitWritten(Duration timeout);

    /**
     * Flushes and closes the writer, then checks that every event written reached the file.
     *
     * @return a line saying what was written
     * @throws IllegalStateException if an event was dropped
     */
    String finish();

    /**
     * Opens the writer called {@code name} ({@code telltale}, {@code logback} or {@code log4j2}),
     * writing to {@code dir}, with a queue of {@code capacity} events.
     */
    static EventFile open(String name, Path dir, int capacity) {
        return switch (name) {
            case "telltale" -> new TelltaleFile(dir, capacity);
            case "logback" -> new LogbackFile(dir, capacity);
            case "log4j2" -> new Log4jFile(dir, capacity);
            default -> throw new IllegalArgumentException("unknown writer: " + name
                    + " (expected telltale, logback or log4j2)");
        };
    }
}
