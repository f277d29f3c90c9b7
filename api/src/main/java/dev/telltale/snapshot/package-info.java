/**
 * Crash snapshots: an exception saved with its state, restored later. {@link
 * dev.telltale.snapshot.Snapshots} saves a throwable (explicitly, or every uncaught one) as a JSON
 * document: the exception graph with causes and suppressed exceptions, the thread and process,
 * values and source lines. The format is in {@code docs/SNAPSHOT.md}; reading it back is the
 * core's {@code dev.telltale.tool.SnapshotFile} and the command line's {@code ./telltale dump}.
 *
 * <p>Saving runs on the calling thread (the values it reads are alive only there) and never
 * throws into it. Arguments are checked with {@link java.lang.NullPointerException} naming the
 * null one.
 */
package dev.telltale.snapshot;
