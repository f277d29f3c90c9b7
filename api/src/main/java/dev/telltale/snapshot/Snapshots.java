package dev.telltale.snapshot;

import dev.telltale.Telltale;
import dev.telltale.internal.Engines;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Crash snapshots of one pipeline: a throwable saved to a file with the state around it (the
 * whole exception graph, the thread, the process, values of the frames where Telltale could see
 * them, and the source lines around the application's frames), to be read later with {@code
 * ./telltale dump} or restored with {@code dev.telltale.tool.SnapshotFile} into a {@link
 * Throwable} that prints exactly as the original did. The file format is JSON (optionally gzip),
 * described in {@code docs/SNAPSHOT.md}; the {@code telltale.snapshot.*} settings shape it.
 *
 * <p><b>Promises.</b> Thread-safe. {@link #save} runs on the calling thread, because the values
 * it records are only alive there: it walks the throwable and the values, then writes the file,
 * so it blocks for a small file write (well under a millisecond for a 30-frame exception at the
 * default depth, see {@code SnapshotBenchmark}). It never throws: a snapshot that cannot be
 * written is logged and published as a {@code snapshot.failed} event, and the caller gets an
 * empty result. Each saved snapshot is published as a {@code snapshot.saved} event and recorded
 * as the JFR event {@code dev.telltale.CrashSnapshot}. Without {@code telltale-core}, or with
 * {@code telltale.enabled=false}, nothing is saved.
 */
public interface Snapshots {

    /** The snapshots of {@code telltale}. */
    static Snapshots of(Telltale telltale) {
        return Engines.of(telltale).snapshots();
    }

    /**
     * Saves a snapshot of {@code error}, thrown or caught on this thread, to {@code
     * telltale.snapshot.dir}. Returns the file, or empty when nothing was saved.
     *
     * @throws NullPointerException if {@code error} is null
     */
    default Optional<Path> save(Throwable error) {
        return save(error, Map.of());
    }

    /**
     * Saves a snapshot of {@code error} with {@code values} named by the caller (the arguments of
     * the method that caught it, say). They are shown under the frame of the calling method when
     * that method is in {@code error}'s stack trace, else with the snapshot as a whole; they are
     * read now, on this thread, to the configured depth. Returns the file, or empty when nothing
     * was saved.
     *
     * @throws NullPointerException if an argument is null
     */
    Optional<Path> save(Throwable error, Map<String, ?> values);

    /**
     * Installs, as the JVM's default uncaught-exception handler, one that saves a snapshot of
     * every uncaught exception to {@code telltale.snapshot.dir} and then hands the exception on
     * to the handler that was there before (or, if there was none, prints it as the JVM does:
     * {@code Exception in thread "name" } and its stack trace).
     * Closing the returned installation puts the previous handler back, if this one is still
     * installed. Installing twice installs twice, each handing on to the one before.
     */
    Installation installUncaughtHandler();

    /** An installed handler; {@link #close()} uninstalls it. */
    interface Installation extends AutoCloseable {

        /** Puts the previous default handler back if this one is still the default. Idempotent. */
        @Override
        void close();
    }
}
