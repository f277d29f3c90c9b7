package dev.telltale.watch;

import dev.telltale.internal.LoopClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A scheduler of one thread whose delays and periods are in a {@link TimeDilation}'s time: a
 * queue ordered by dilated due time, and a worker that waits the real time the first due task
 * needs at the current dilation, woken early when the dilation changes or an earlier task comes.
 * Like {@link java.util.concurrent.ScheduledThreadPoolExecutor}'s defaults, {@link #shutdown()}
 * still runs delayed tasks and drops periodic ones.
 */
final class DilatedScheduler extends AbstractExecutorService implements ScheduledExecutorService, LoopClock {

    private final TimeDilation time;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Runnable wake = this::wake;
    private final Thread worker;
    private long sequence; // guarded by lock
    private boolean shutdown; // guarded by lock

    DilatedScheduler(TimeDilation time, String threadName) {
        this.time = time;
        this.worker = new Thread(this::work, threadName);
        worker.setDaemon(true);
        time.addListener(wake);
        worker.start();
    }

    @Override
    public long loopNanoTime() {
        return time.nanoTime();
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        try {
            while (true) {
                Task<?> task;
                lock.lock();
                try {
                    task = next();
                    if (task == null) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                task.run();
            }
        } finally {
            time.removeListener(wake);
            terminated.countDown();
        }
    }

    /** The next task once due, or null when shut down and done. Holds the lock. */
    private Task<?> next() {
        while (true) {
            Task<?> first = queue.peek();
            if (first == null) {
                if (shutdown) {
                    return null;
                }
                changed.awaitUninterruptibly();
                continue;
            }
            long delay = first.due - time.nanoTime();
            if (delay <= 0) {
                return queue.poll();
            }
            try {
                changed.awaitNanos(time.realNanos(delay));
            } catch (InterruptedException e) {
                if (shutdown) {
                    return null; // shutdownNow
                }
            }
        }
    }

    private <V> Task<V> add(Task<V> task) {
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("scheduler " + worker.getName() + " is shut down");
            }
            task.seq = sequence++;
            queue.add(task);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return task;
    }

    private void requeue(Task<?> task) {
        lock.lock();
        try {
            if (!shutdown) {
                queue.add(task);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void remove(Task<?> task) {
        lock.lock();
        try {
            queue.remove(task);
        } finally {
            lock.unlock();
        }
    }

    private long dueIn(long delay, TimeUnit unit) {
        long nanos = unit.toNanos(Math.max(0, delay));
        long now = time.nanoTime();
        return nanos > Long.MAX_VALUE / 2 ? now + Long.MAX_VALUE / 2 : now + nanos;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command == null");
        return add(new Task<Void>(Executors.callable(command, null), dueIn(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Objects.requireNonNull(callable, "callable == null");
        return add(new Task<>(callable, dueIn(delay, unit), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        Objects.requireNonNull(command, "command == null");
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return add(new Task<Void>(Executors.callable(command, null), dueIn(initialDelay, unit), unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command == null");
        if (delay <= 0) {
            throw new IllegalArgumentException("delay must be positive: " + delay);
        }
        return add(new Task<Void>(Executors.callable(command, null), dueIn(initialDelay, unit), -unit.toNanos(delay)));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {
        List<Task<?>> periodic = new ArrayList<>();
        lock.lock();
        try {
            shutdown = true;
            for (Task<?> t : queue) {
                if (t.isPeriodic()) {
                    periodic.add(t);
                }
            }
            queue.removeAll(periodic);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        periodic.forEach(t -> t.cancel(false));
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> left;
        lock.lock();
        try {
            shutdown = true;
            left = new ArrayList<>(queue);
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        worker.interrupt();
        return left;
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** A scheduled task; {@code period > 0} fixed rate, {@code < 0} fixed delay, {@code 0} once; all in dilated nanoseconds. */
    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private final long period;
        private volatile long due;
        private long seq;

        Task(Callable<V> callable, long due, long period) {
            super(callable);
            this.due = due;
            this.period = period;
        }

        @Override
        public boolean isPeriodic() {
            return period != 0;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - time.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other == this) {
                return 0;
            }
            if (other instanceof Task<?> t) {
                int c = Long.compare(due - t.due, 0);
                return c != 0 ? c : Long.compare(seq, t.seq);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                due = period > 0 ? due + period : time.nanoTime() - period;
                requeue(this);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                remove(this);
            }
            return cancelled;
        }
    }
}
