package dev.telltale.watch;

import dev.telltale.internal.LoopClock;
import dev.telltale.internal.WatchEngine;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link ScheduledExecutorService} whose tasks are watched; each run of a periodic task is one task. */
final class WatchedScheduledExecutorService extends WatchedExecutorService implements ScheduledExecutorService,
        LoopClock {

    private final ScheduledExecutorService delegate;

    WatchedScheduledExecutorService(WatchEngine engine, String name, ScheduledExecutorService delegate) {
        super(engine, name, delegate);
        this.delegate = delegate;
    }

    /** The delegate's time, when it has its own (a time-dilated scheduler), else the JVM's. */
    @Override
    public long loopNanoTime() {
        return delegate instanceof LoopClock c ? c.loopNanoTime() : System.nanoTime();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return delegate.schedule(wrap(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return delegate.schedule(wrap(callable), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return delegate.scheduleAtFixedRate(wrap(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return delegate.scheduleWithFixedDelay(wrap(command), initialDelay, delay, unit);
    }
}
