package dev.telltale.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Where the probe manager's specs live, shared by every process that applies them and by the
 * {@code ./telltale specs} command: the current spec of each id, and each process's {@code
 * applied} status for each spec. Made by a {@link SpecStoreProvider}.
 *
 * <p><b>Opaque JSON.</b> A store moves text, never parses it: a spec is the JSON text of one
 * {@link dev.telltale.probe.ProbeSpec} without its {@code applied} member, stored under its id; a
 * status is the JSON text of one {@link dev.telltale.probe.ProbeSpec.Applied} ({@code
 * {"status":"applied","error":null,"at":"…"}}), stored under its spec id and process id. Telltale's
 * core writes and reads both (so a malformed spec fails on its own, in every process, with the
 * position of the error); a store only keeps the latest text of each key. Text given to a store
 * is well-formed JSON on one line.
 *
 * <p><b>Threading and blocking.</b> Implementations are thread-safe. The manager calls them from
 * its own background thread, the CLI from its main thread; the application's threads never do.
 * Every method may block on I/O, each for at most the {@linkplain SpecStoreOptions#timeout()
 * timeout} the store was opened with, then fails.
 *
 * <p><b>Errors.</b> A store that cannot be reached or read throws {@link IOException} whose
 * message names the store ({@link #address()}) and what failed; the manager keeps the probes as
 * they are and retries with backoff. A store never throws for a spec's content.
 */
public interface SpecStore extends AutoCloseable {

    /** The store's address as given ({@code file:specs.json}, {@code kafka:host:9092}), passwords redacted. */
    String address();

    /**
     * The current specs: each spec's JSON text by its id. A removed spec is absent. A store that
     * reads its specs in the background (a consumer) answers from what it has read, and blocks
     * at first until it has caught up with what was written before it opened, within the timeout.
     *
     * @throws IOException if the store cannot be reached or read
     */
    Map<String, String> specs() throws IOException;

    /**
     * A number that changes whenever {@link #specs()} may answer differently than when it last
     * had this number; it may change when nothing did, and it never throws or blocks. The
     * manager skips re-reading specs while it stays the same. The default, {@code -1}, means the
     * store cannot tell: the manager reads {@link #specs()} on every interval.
     */
    default long revision() {
        return -1;
    }

    /**
     * Stores {@code json} as the spec {@code id}, replacing any earlier version.
     *
     * @throws IOException if the store cannot be reached or written
     */
    void put(String id, String json) throws IOException;

    /**
     * Removes the spec {@code id} and the statuses reported for it, if any.
     *
     * @throws IOException if the store cannot be reached or written
     */
    void remove(String id) throws IOException;

    /**
     * Stores {@code json} as process {@code processId}'s status for spec {@code specId},
     * replacing its earlier status for that spec. Reporting for an id that has no spec is allowed
     * (the spec may have been removed meanwhile) and may be dropped.
     *
     * @throws IOException if the store cannot be reached or written
     */
    void report(String specId, String processId, String json) throws IOException;

    /**
     * Every status reported and not removed: spec id → process id → the status's JSON text.
     *
     * @throws IOException if the store cannot be reached or read
     */
    Map<String, Map<String, String>> statuses() throws IOException;

    /** Releases the store's connections and threads. Idempotent; does not throw. */
    @Override
    void close();
}
