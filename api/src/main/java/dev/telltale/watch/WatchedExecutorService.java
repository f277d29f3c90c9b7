package dev.telltale.watch;

import dev.telltale.internal.WatchEngine;
import dev.telltale.internal.WrappingExecutorService;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * An {@link ExecutorService} whose tasks are watched. Tasks are wrapped before the delegate sees
 * them, so its own futures, rejection and shutdown behave as they would; {@link #shutdownNow()}
 * returns the wrapped tasks, which run the originals.
 */
class WatchedExecutorService extends WrappingExecutorService {

    final WatchEngine engine;
    final String name;

    WatchedExecutorService(WatchEngine engine, String name, ExecutorService delegate) {
        super(delegate);
        this.engine = engine;
        this.name = name;
    }

    @Override
    protected final Runnable wrap(Runnable task) {
        return new WatchedRunnable(engine, name, Objects.requireNonNull(task, "task == null"));
    }

    @Override
    protected final <T> Callable<T> wrap(Callable<T> task) {
        return new WatchedCallable<>(engine, name, Objects.requireNonNull(task, "task == null"));
    }

    @Override
    public String toString() {
        return "watched(" + name + ") " + delegate();
    }
}
