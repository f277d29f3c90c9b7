package dev.telltale.trace;

import dev.telltale.internal.WrappingExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * An {@link ExecutorService} whose tasks run with the span current where they were submitted.
 * Tasks are wrapped before the delegate sees them, so its futures, rejection and shutdown behave
 * as they would.
 */
final class CarryingExecutorService extends WrappingExecutorService {

    CarryingExecutorService(ExecutorService delegate) {
        super(delegate);
    }

    @Override
    protected Runnable wrap(Runnable task) {
        return Tracing.wrap(task);
    }

    @Override
    protected <T> Callable<T> wrap(Callable<T> task) {
        return Tracing.wrap(task);
    }

    @Override
    public String toString() {
        return "Tracing.wrap(" + delegate() + ")";
    }
}
