package dev.telltale.internal;

import dev.telltale.watch.LoopWatch;
import dev.telltale.watch.SlowTaskHandler;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The asynchronous side of loop and hang watch ({@code dev.telltale.watch}), one per engine: the
 * watcher thread that reports slow tasks, the heartbeats, hang dumps and lag of watched loops.
 * The decorators that run on the application's threads are in {@code dev.telltale.watch}; they
 * reach this through {@link Engine#watches()}.
 *
 * <p>Every method is thread-safe; none blocks.
 */
public interface WatchEngine {

    /** Whether anything watches: false when events are discarded, and decorators then add nothing. */
    boolean active();

    /** The current thread's slot, made and registered with the watcher on first use. */
    TaskSlot slot();

    /**
     * Starts watching {@code loop}: a heartbeat task on it for the hang watchdog, and a lag task.
     *
     * @throws IllegalStateException if the hang dump directory cannot be written, naming it
     * @throws IllegalArgumentException if a loop of that name is watched already
     */
    LoopWatch loop(String name, ScheduledExecutorService loop);

    /**
     * Starts watching a loop the application drives itself, beating with {@link LoopWatch#beat()}.
     *
     * @throws IllegalStateException if the hang dump directory cannot be written, naming it
     * @throws IllegalArgumentException if a loop of that name is watched already
     */
    LoopWatch loop(String name);

    /** Adds {@code handler}, told of every slow-task report; closing the result removes it. */
    AutoCloseable onSlowTask(SlowTaskHandler handler);
}
