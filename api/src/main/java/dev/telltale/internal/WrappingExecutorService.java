package dev.telltale.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutorService} that hands every task to a delegate after {@linkplain #wrap(Runnable)
 * wrapping} it: the base of the api's carrying ({@code Tracing.wrap}) and watched ({@code
 * Watches.watch}) executor services. As tasks are wrapped before the delegate sees them, the
 * delegate's own futures, rejection and shutdown behave as they would ({@link #shutdownNow()}
 * returns the wrapped tasks). Thread-safe as far as the delegate is; blocks only where the
 * delegate's methods block.
 */
public abstract class WrappingExecutorService implements ExecutorService {

    private final ExecutorService delegate;

    /** @param delegate runs the wrapped tasks; not null (callers check) */
    protected WrappingExecutorService(ExecutorService delegate) {
        this.delegate = delegate;
    }

    /** The executor service the wrapped tasks go to. */
    protected final ExecutorService delegate() {
        return delegate;
    }

    /** {@code task} as the delegate should run it. */
    protected abstract Runnable wrap(Runnable task);

    /** {@code task} as the delegate should run it. */
    protected abstract <T> Callable<T> wrap(Callable<T> task);

    private <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
        List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            wrapped.add(wrap(task));
        }
        return wrapped;
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(wrap(command));
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return delegate.submit(wrap(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return delegate.submit(wrap(task), result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return delegate.submit(wrap(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return delegate.invokeAll(wrapAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return delegate.invokeAll(wrapAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return delegate.invokeAny(wrapAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return delegate.invokeAny(wrapAll(tasks), timeout, unit);
    }
}
