package dev.telltale.trace;

import java.util.concurrent.Executor;

/** An executor whose tasks run with the span current where they were submitted. */
class CarryingExecutor implements Executor {

    private final Executor delegate;

    CarryingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(Tracing.wrap(command));
    }

    @Override
    public String toString() {
        return "Tracing.wrap(" + delegate + ")";
    }
}
