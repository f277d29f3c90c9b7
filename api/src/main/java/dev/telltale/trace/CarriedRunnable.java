package dev.telltale.trace;

import dev.telltale.internal.CurrentSpans;
import dev.telltale.internal.TaskNames;

/**
 * A task that runs with the span current where it was made; slow-task reports name it after the
 * task it carries.
 */
final class CarriedRunnable implements Runnable, TaskNames.Wrapper {

    private final Span span;
    private final Runnable task;

    CarriedRunnable(Span span, Runnable task) {
        this.span = span;
        this.task = task;
    }

    @Override
    public void run() {
        CurrentSpans stack = CurrentSpans.get();
        stack.push(span);
        try {
            task.run();
        } finally {
            stack.remove(span);
        }
    }

    @Override
    public Object wrapped() {
        return task;
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
