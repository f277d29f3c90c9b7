package dev.telltale.watch;

import dev.telltale.Telltale;
import dev.telltale.internal.Engines;
import dev.telltale.internal.WatchEngine;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Loop and hang watch for one pipeline: executors whose slow tasks are reported, and loops whose
 * hangs are caught by a watchdog and whose lag is measured. Reports go through that pipeline as
 * {@code loop.*} events (see {@code docs/EVENTS.md}), to JFR and to {@link System.Logger} {@code
 * dev.telltale.watch}.
 *
 * <pre>{@code
 * Watches watches = Watches.global();
 * ExecutorService pool = watches.watch("shop.pool", Executors.newFixedThreadPool(8));
 * ScheduledExecutorService loop = watches.watch("shop.loop", Executors.newSingleThreadScheduledExecutor());
 * LoopWatch hangs = watches.loop("shop.loop", loop);   // heartbeat, hang dumps, lag
 * pool.execute(Watches.named("restock", this::restock));
 * }</pre>
 *
 * <p><b>Slow tasks.</b> A task of a watched executor (or a turn of a loop the application
 * drives, see {@link LoopWatch}) that runs longer than {@code telltale.watch.slow-task.threshold}
 * is reported while it still runs, with its thread's stack,
 * and again when it ends, with its duration: one pair of reports per slow run, whatever the check
 * period. Reports during {@code telltale.watch.quiet-period} after the watch started are left out
 * (start-up is slow by nature). A task is named by {@link #named}, else by a {@link NamedTask}
 * wrapper, else after the code it runs: {@code Shop.restock} for a method reference, {@code
 * Shop.checkout (lambda)} for a lambda written in {@code checkout} (both read from the stack above
 * the task while it runs), {@code Shop (lambda)} for a lambda that ended before it was seen,
 * else its class's name.
 *
 * <p><b>Pinned virtual threads.</b> On JDK 21+, a virtual thread running (or that ran) a task of
 * a watched executor and holding its carrier pinned for {@code telltale.watch.pinned.threshold}
 * or longer is reported as a slow task of that executor ({@link SlowTask.Phase#PINNED}), from
 * JFR's {@code jdk.VirtualThreadPinned}, about a second after the pin ended.
 *
 * <p><b>Promises.</b> Thread-safe. A watched executor keeps its interface and its delegate's
 * behaviour (futures, rejection, shutdown); per task it adds one small wrapper object and one
 * timestamp (two when the task may have been slow), takes no lock and does no I/O. Reports are made on Telltale's own watcher thread.
 * Without {@code telltale-core}, or with {@code telltale.enabled=false}, {@code watch} returns the
 * executor itself and loops are not watched.
 */
public final class Watches {

    private final WatchEngine engine;

    private Watches(WatchEngine engine) {
        this.engine = engine;
    }

    /** The watches of {@code telltale}. */
    public static Watches of(Telltale telltale) {
        return new Watches(Engines.of(Objects.requireNonNull(telltale, "telltale == null")).watches());
    }

    /** The watches of the global pipeline. */
    public static Watches global() {
        return of(Telltale.global());
    }

    /**
     * {@code executor}, watched under {@code name}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Executor watch(String name, Executor executor) {
        check(name, executor);
        return engine.active() ? new WatchedExecutor(engine, name, executor) : executor;
    }

    /** {@code executor}, watched under {@code name}; as {@link #watch(String, Executor)}. */
    public ExecutorService watch(String name, ExecutorService executor) {
        check(name, executor);
        return engine.active() ? new WatchedExecutorService(engine, name, executor) : executor;
    }

    /** {@code executor}, watched under {@code name}; as {@link #watch(String, Executor)}. */
    public ScheduledExecutorService watch(String name, ScheduledExecutorService executor) {
        check(name, executor);
        return engine.active() ? new WatchedScheduledExecutorService(engine, name, executor) : executor;
    }

    /**
     * Watches the loop {@code loop} for hangs and lag: a heartbeat task on it every quarter of
     * {@code telltale.watch.hang.interval} and a lag task every {@code telltale.watch.lag.interval}.
     * Decorate the loop with {@link #watch} as well to have its slow tasks reported.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank or a loop of that name is watched
     * @throws IllegalStateException if the hang dump directory cannot be written
     */
    public LoopWatch loop(String name, ScheduledExecutorService loop) {
        check(name, loop);
        return engine.loop(name, loop);
    }

    /**
     * Watches for hangs and slow turns a loop that the application drives itself: it calls {@link
     * LoopWatch#beat()} each time round and {@link LoopWatch#idle()} before it waits for work;
     * each turn, from a beat to the next beat or idle, is reported like a slow task when it runs
     * longer than {@code telltale.watch.slow-task.threshold} (see {@link LoopWatch}).
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or a loop of that name is watched
     * @throws IllegalStateException if the hang dump directory cannot be written
     */
    public LoopWatch loop(String name) {
        checkName(name);
        return engine.loop(name);
    }

    /**
     * Adds a handler of slow-task reports, beside the event, log line and JFR event; closing the
     * result removes it.
     *
     * @throws NullPointerException if {@code handler} is null
     */
    public AutoCloseable onSlowTask(SlowTaskHandler handler) {
        return engine.onSlowTask(Objects.requireNonNull(handler, "handler == null"));
    }

    /**
     * {@code task}, named {@code name} in slow-task reports.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Runnable named(String name, Runnable task) {
        checkName(name);
        return new NamedRunnable(name, Objects.requireNonNull(task, "task == null"));
    }

    /** {@code task}, named {@code name} in slow-task reports; as {@link #named(String, Runnable)}. */
    public static <T> Callable<T> named(String name, Callable<T> task) {
        checkName(name);
        return new NamedCallable<>(name, Objects.requireNonNull(task, "task == null"));
    }

    private static void check(String name, Object executor) {
        checkName(name);
        Objects.requireNonNull(executor, "executor == null");
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("blank name: a watched executor or loop needs a name");
        }
    }

    private record NamedRunnable(String taskName, Runnable task) implements Runnable, NamedTask {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public String toString() {
            return taskName;
        }
    }

    private record NamedCallable<T>(String taskName, Callable<T> task) implements Callable<T>, NamedTask {
        @Override
        public T call() throws Exception {
            return task.call();
        }

        @Override
        public String toString() {
            return taskName;
        }
    }
}
