package dev.telltale.backend.file;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.util.List;

/**
 * The {@code file} backend, Telltale's default: each event is one line of JSON in a file that
 * rotates by size, and the monitor reads the files back, optionally following them as they grow.
 *
 * <p><b>Files.</b> {@code telltale.file.path} names the current file, for example {@code
 * events.jsonl}. When a write would make it larger than {@code telltale.file.max-size} it is
 * renamed to {@code events.1.jsonl}, the previous {@code events.1.jsonl} to {@code
 * events.2.jsonl} and so on; a file that would be numbered {@code max-files} or above is deleted
 * instead, so at most {@code max-files} files exist, the current one included. The number goes before the last
 * extension so tools that look at the extension still work; a name without an extension gets the
 * number at its end ({@code events} becomes {@code events.1}). A single line longer than {@code
 * max-size} is not refused: it is written alone into a fresh file, which is then larger than
 * {@code max-size}. When the path is not a regular file (a symbolic link, {@code /dev/stdout}, a
 * pipe) the sink writes to it and never rotates it.
 *
 * <p><b>One writer.</b> Several processes (or several sinks) writing the same path are not
 * supported: rotation and failure rollback assume a single writer and would lose or mangle lines.
 *
 * <p><b>Threading and errors.</b> This class holds no state and is thread-safe; the sinks and
 * sources it opens document their own contracts. {@link #openSink} and {@link #openSource} throw
 * {@link IllegalArgumentException} naming the key or option whose value is unusable, and {@link
 * IOException} naming the path when the files cannot be created or read.
 */
public final class FileBackend implements Backend {

    static final ConfigKey PATH = new ConfigKey("telltale.file.path", ConfigKey.Type.STRING,
            "./telltale-out/events.jsonl",
            "The current event file; rotated files sit beside it and parent directories are created.");
    static final ConfigKey MAX_SIZE = new ConfigKey("telltale.file.max-size", ConfigKey.Type.SIZE, "64MiB",
            "Rotate before a write would make the current file larger than this (at least 4KiB).")
            .atLeast("4KiB");
    static final ConfigKey MAX_FILES = new ConfigKey("telltale.file.max-files", ConfigKey.Type.INTEGER, "5",
            "How many files are kept, the current one included; the oldest is deleted (at least 1).")
            .atLeast("1");
    static final ConfigKey FSYNC = new ConfigKey("telltale.file.fsync", ConfigKey.Type.BOOLEAN, "false",
            "Force the file to disk after each batch.");

    static final ConfigKey FOLLOW = new ConfigKey("telltale.file.follow", ConfigKey.Type.BOOLEAN, "false",
            "Monitor option: after the last line, wait for new lines and follow rotation.");
    static final ConfigKey FROM = new ConfigKey("telltale.file.from", ConfigKey.Type.STRING, "start",
            "Monitor option: 'start' reads the rotated files and the current one from the beginning, "
                    + "'end' only lines written after the monitor starts.");

    private static final List<ConfigKey> KEYS = List.of(PATH, MAX_SIZE, MAX_FILES, FSYNC);
    private static final List<ConfigKey> OPTIONS = List.of(FOLLOW, FROM);

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public FileBackend() {
    }

    /** Returns {@code file}. */
    @Override
    public String name() {
        return "file";
    }

    /**
     * {@code telltale.file.path}, {@code telltale.file.max-size}, {@code telltale.file.max-files}
     * and {@code telltale.file.fsync}.
     */
    @Override
    public List<ConfigKey> keys() {
        return KEYS;
    }

    /**
     * {@code telltale.file.follow} and {@code telltale.file.from}. A subscription may name them in
     * full or by their last word ({@code follow=true}, {@code from=end}).
     */
    @Override
    public List<ConfigKey> subscriptionOptions() {
        return OPTIONS;
    }

    /**
     * Opens (creating it and its parent directories if needed) the current file for appending. The
     * returned sink writes each batch in a few large writes and rotates by size; see its {@link
     * Sink#publish} for what it throws.
     *
     * @throws IllegalArgumentException if the path is empty or not a valid path; the message
     *     names the key and the value ({@code max-size} and {@code max-files} come checked against
     *     their declared ranges, at least 4KiB and at least 1, by the configuration)
     * @throws IOException if the file or a parent directory cannot be created or opened; the
     *     message names the path
     */
    @Override
    public Sink openSink(BackendConfig config) throws IOException {
        return new FileSink(FileSettings.from(config));
    }

    /**
     * Opens a reader over the files at {@code telltale.file.path}. See {@link Source} for the
     * threading contract; lines that are not JSON objects with a string {@code routingKey} are
     * returned with the routing key {@code ""} when the subscription has no patterns, and skipped
     * (and counted) otherwise.
     *
     * @throws IllegalArgumentException if {@code from} is neither {@code start} nor {@code end}
     * @throws IOException if not following and no event file exists, or the files cannot be read
     */
    @Override
    public Source openSource(BackendConfig config, Subscription subscription) throws IOException {
        ReadOptions options = ReadOptions.from(config);
        return FileSource.open(FileSettings.path(config), subscription, options);
    }
}
