package dev.telltale.watch;

/**
 * A watched loop: its heartbeat feeds the hang watchdog, which writes thread dumps when the loop
 * misses it for longer than {@code telltale.watch.hang.interval}; a loop given as a scheduled
 * executor beats by itself and has its lag measured, a loop the application drives itself calls
 * {@link #beat()} each time round.
 *
 * <p><b>Threading.</b> Thread-safe. {@link #beat()} is a clock read, a few volatile reads and one
 * volatile write (more only when the loop's thread, its idleness or a hang changed), {@link
 * #idle()} one volatile write: fit for the loop's hot path. {@link #close()} stops the watch; it is idempotent and never
 * throws.
 */
public interface LoopWatch extends AutoCloseable {

    /** The loop's name, as given. */
    String name();

    /**
     * The loop is alive now (call it each time round; the thread that calls it is the loop's
     * thread in hang reports). A loop that never beat is not watched yet.
     */
    void beat();

    /**
     * The loop is about to wait for work: until its next {@link #beat()} it is idle, not hung.
     * Unneeded for a loop given as a scheduled executor, whose heartbeat runs while it is idle.
     */
    void idle();

    /** Stops watching the loop. */
    @Override
    void close();
}
