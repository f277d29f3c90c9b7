/**
 * Crash snapshots' implementation: {@link dev.telltale.core.internal.snapshot.CoreSnapshots} (an
 * engine's {@code Snapshots}), the capture ({@code SnapshotCapture}, {@code ThrowableGraph},
 * {@code ValueCapture}, {@code SourceLines}, {@code LiveLocals} with {@code LocalNames}), the
 * files ({@code SnapshotFiles}, {@code SnapshotReader}, {@code RestoredThrowable}), the uncaught
 * handler and the {@code snapshot} probe instrument. The format is in {@code docs/SNAPSHOT.md}.
 *
 * <p><b>Threads.</b> Capture and writing run on the thread that saves, by design (the values are
 * alive only there, and an uncaught exception's file must be written before the JVM may exit);
 * this is no hot path, it runs once per failure and {@code SnapshotBenchmark} measures it.
 * Nothing here throws into the application but for null arguments at the API and fatal errors
 * ({@link dev.telltale.internal.Fatal}); what an application's object does while it is read
 * ({@code toString()}, iterators) becomes a marker in the document.
 */
package dev.telltale.core.internal.snapshot;
