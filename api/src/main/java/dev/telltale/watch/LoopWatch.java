package dev.telltale.watch;

import dev.telltale.internal.TaskNames;

/**
 * A watched loop: its heartbeat feeds the hang watchdog, which writes thread dumps when the loop
 * misses it for longer than {@code telltale.watch.hang.interval}; a loop given as a scheduled
 * executor beats by itself and has its lag measured, a loop the application drives itself calls
 * {@link #beat()} each time round.
 *
 * <p><b>Turns.</b> For a loop the application drives ({@link Watches#loop(String)}), each turn,
 * from a {@link #beat()} to the next {@code beat()} or {@link #idle()}, is watched like a task of
 * a watched executor: a turn that runs longer than {@code telltale.watch.slow-task.threshold} is
 * reported while it still runs ({@code loop.slow-task}, with the stack of the thread that began
 * it) and again when it ends ({@code loop.slow-task.ended}, with its duration), once per turn,
 * through the same handlers, log line and JFR event, after the same quiet period. The report's
 * executor is the loop's name; its task is the name given to {@link #beat(String)}, else the
 * loop's name. Time spent idle is no turn, but a wait for work without {@link #idle()} before it
 * is part of the turn. A turn longer than the hang interval is also a hang.
 * A loop given as a scheduled executor has no turns: decorate it with {@link Watches#watch} to
 * have its tasks watched.
 *
 * <p><b>Threading.</b> Thread-safe, with one rule: calls of {@link #beat()}, {@link
 * #beat(String)} and {@link #idle()} must not overlap, as they don't when the loop's thread makes
 * them. The loop may move to another thread (restarted there, or run turn by turn on a pool's
 * threads, each hand-over ordering the calls): the thread whose {@code beat} began a turn is that
 * turn's thread in reports, and the first call from a new thread ends the turn under way on the
 * old one. Overlapping calls from several threads throw nothing but may report turns wrongly.
 *
 * <p><b>Cost.</b> {@link #beat()} is one clock read, a few volatile reads and three volatile
 * writes, with no lock and no allocation (more only when the loop's thread, its idleness or a
 * hang changed, or when the turn that ends was slow); {@link #beat(String)} adds a check of its
 * argument; {@link #idle()} is two volatile writes: fit for the loop's hot path. Neither {@link
 * #beat()} nor {@link #idle()} throws. The watching itself happens on Telltale's watcher thread.
 *
 * <p><b>Closing.</b> {@link #close()} stops the watch; it is idempotent and never throws. Called
 * on the thread of the turn under way, it ends that turn as {@link #idle()} would (so a slow one
 * is reported ended); called on another thread, it drops the turn under way without a report
 * (the loop may still be in it), so one reported running gets no end report. Calls after closing
 * do nothing.
 */
public interface LoopWatch extends AutoCloseable {

    /** The loop's name, as given. */
    String name();

    /**
     * The loop is alive now and begins a turn (call it each time round; the thread that calls it
     * is the loop's thread in hang and slow-turn reports). A loop that never beat is not watched
     * yet.
     */
    void beat();

    /**
     * As {@link #beat()}, naming the turn it begins {@code turn} in slow-task reports (what the
     * loop does this time round, such as {@code "render"} or {@code "flush"}; a constant or a
     * name made once, so the hot path allocates nothing). Names longer than 200 characters are cut.
     * For a loop given as a scheduled executor, as {@link #beat()}. (The default method checks
     * {@code turn} and calls {@link #beat()}, for implementations that watch no turns.)
     *
     * @throws NullPointerException if {@code turn} is null
     * @throws IllegalArgumentException if {@code turn} is blank
     */
    default void beat(String turn) {
        TaskNames.checkTurn(turn);
        beat();
    }

    /**
     * The loop is about to wait for work: the turn under way ends, and until its next {@link
     * #beat()} the loop is idle, neither slow nor hung. Unneeded for a loop given as a scheduled
     * executor, whose heartbeat runs while it is idle.
     */
    void idle();

    /** Stops watching the loop; see the class's Javadoc for the turn under way. */
    @Override
    void close();
}
