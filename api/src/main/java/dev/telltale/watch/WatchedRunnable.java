package dev.telltale.watch;

import dev.telltale.internal.TaskNames;
import dev.telltale.internal.TaskSlot;
import dev.telltale.internal.WatchEngine;

/** A task of a watched executor: marks its thread's slot busy while the task runs. */
final class WatchedRunnable implements Runnable, TaskNames.Wrapper {

    private final WatchEngine engine;
    private final String executor;
    private final Runnable task;

    WatchedRunnable(WatchEngine engine, String executor, Runnable task) {
        this.engine = engine;
        this.executor = executor;
        this.task = task;
    }

    @Override
    public void run() {
        TaskSlot slot = engine.slot();
        slot.begin(executor, task);
        try {
            task.run();
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
