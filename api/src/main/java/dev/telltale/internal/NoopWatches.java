package dev.telltale.internal;

import dev.telltale.watch.LoopWatch;
import dev.telltale.watch.SlowTaskHandler;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/** The watches of a pipeline that discards everything: nothing is watched, nothing fails. */
final class NoopWatches implements WatchEngine {

    static final NoopWatches INSTANCE = new NoopWatches();

    private static final TaskSlot.Listener NONE = (slot, executor, task, start, duration, reported) -> { };

    private NoopWatches() {}

    @Override
    public boolean active() {
        return false;
    }

    @Override
    public TaskSlot slot() {
        return new TaskSlot(Thread.currentThread(), NONE, Long.MAX_VALUE);
    }

    @Override
    public LoopWatch loop(String name, ScheduledExecutorService loop) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(loop, "loop == null");
        return new NoopLoop(name);
    }

    @Override
    public LoopWatch loop(String name) {
        return new NoopLoop(Objects.requireNonNull(name, "name == null"));
    }

    @Override
    public AutoCloseable onSlowTask(SlowTaskHandler handler) {
        Objects.requireNonNull(handler, "handler == null");
        return () -> { };
    }

    private record NoopLoop(String name) implements LoopWatch {
        @Override
        public void beat() {}

        @Override
        public void idle() {}

        @Override
        public void close() {}
    }
}
