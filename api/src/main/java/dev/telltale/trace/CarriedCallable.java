package dev.telltale.trace;

import dev.telltale.internal.CurrentSpans;
import dev.telltale.internal.TaskNames;
import java.util.concurrent.Callable;

/**
 * A task that runs with the span current where it was made; slow-task reports name it after the
 * task it carries.
 */
final class CarriedCallable<T> implements Callable<T>, TaskNames.Wrapper {

    private final Span span;
    private final Callable<T> task;

    CarriedCallable(Span span, Callable<T> task) {
        this.span = span;
        this.task = task;
    }

    @Override
    public T call() throws Exception {
        CurrentSpans stack = CurrentSpans.get();
        stack.push(span);
        try {
            return task.call();
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
