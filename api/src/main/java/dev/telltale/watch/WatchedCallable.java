package dev.telltale.watch;

import dev.telltale.internal.TaskNames;
import dev.telltale.internal.TaskSlot;
import dev.telltale.internal.WatchEngine;
import java.util.concurrent.Callable;

/** A task of a watched executor that returns a value: marks its thread's slot busy while it runs. */
final class WatchedCallable<T> implements Callable<T>, TaskNames.Wrapper {

    private final WatchEngine engine;
    private final String executor;
    private final Callable<T> task;

    WatchedCallable(WatchEngine engine, String executor, Callable<T> task) {
        this.engine = engine;
        this.executor = executor;
        this.task = task;
    }

    @Override
    public T call() throws Exception {
        TaskSlot slot = engine.slot();
        slot.begin(executor, task);
        try {
            return task.call();
        } finally {
            slot.end();
        }
    }

    @Override
    public Object wrapped() {
        return task;
    }

    @Override
    public String toString() {
        return "watched " + task;
    }
}
