package dev.telltale.watch;

import dev.telltale.internal.WatchEngine;
import java.util.Objects;
import java.util.concurrent.Executor;

/** An {@link Executor} whose tasks are watched; everything else is the delegate's. */
class WatchedExecutor implements Executor {

    final WatchEngine engine;
    final String name;
    private final Executor delegate;

    WatchedExecutor(WatchEngine engine, String name, Executor delegate) {
        this.engine = engine;
        this.name = name;
        this.delegate = delegate;
    }

    final Runnable wrap(Runnable task) {
        return new WatchedRunnable(engine, name, Objects.requireNonNull(task, "task == null"));
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(wrap(command));
    }

    @Override
    public String toString() {
        return "watched(" + name + ") " + delegate;
    }
}
