package dev.telltale.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jdk.jfr.EventType;

/**
 * A {@link JvmSupport} a test drives: it keeps the set-up task instead of starting a thread (the
 * test runs it, on its own thread, when it chooses), registers through {@code register} (this
 * JVM's registration unless replaced), says JFR is up when {@code up}, and keeps the shutdown
 * hooks it is given instead of handing them to the JVM.
 */
final class FakeJvm implements JvmSupport {

    volatile boolean up;
    volatile Supplier<List<EventType>> register = JvmSupport.CURRENT::registerJfrEventTypes;
    volatile RuntimeException addFails;
    volatile RuntimeException removeFails;

    private final List<Runnable> tasks = new ArrayList<>();
    private final List<String> threadNames = new ArrayList<>();
    private final List<Thread> added = new ArrayList<>();
    private final List<Thread> removed = new ArrayList<>();

    FakeJvm up(boolean isUp) {
        up = isUp;
        return this;
    }

    @Override
    public synchronized void startThread(Runnable setUp, String name) {
        tasks.add(setUp);
        threadNames.add(name);
    }

    @Override
    public List<EventType> registerJfrEventTypes() {
        return register.get();
    }

    @Override
    public boolean jfrUp() {
        return up;
    }

    @Override
    public synchronized void addShutdownHook(Thread hook) {
        if (addFails != null) {
            throw addFails;
        }
        added.add(hook);
    }

    @Override
    public synchronized void removeShutdownHook(Thread hook) {
        if (removeFails != null) {
            throw removeFails;
        }
        removed.add(hook);
    }

    /** Runs the one set-up task the engine handed over, on the calling thread. */
    void runSetUp() {
        Runnable task;
        synchronized (this) {
            if (tasks.size() != 1) {
                throw new AssertionError("expected one set-up task, got " + tasks.size());
            }
            task = tasks.get(0);
        }
        task.run();
    }

    synchronized List<String> threadNames() {
        return List.copyOf(threadNames);
    }

    synchronized List<Thread> added() {
        return List.copyOf(added);
    }

    synchronized List<Thread> removed() {
        return List.copyOf(removed);
    }
}
