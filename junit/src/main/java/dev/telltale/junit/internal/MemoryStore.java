package dev.telltale.junit.internal;

import dev.telltale.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The events one {@code memory} sink received, oldest first, at most {@link #capacity()} of them:
 * when a new event would exceed it, the oldest is dropped and counted in {@link #evicted()}.
 *
 * <p>Stores are found by name ({@code telltale.memory.store}) in a registry of this class loader,
 * which is how a pipeline's sink, made by the core through {@link java.util.ServiceLoader}, and the
 * test that reads its events meet: the test makes the store with {@link #named}, builds the pipeline
 * with that name, reads, and {@linkplain #release releases} it at the end.
 *
 * <p><b>Threads.</b> Thread-safe: the publisher thread adds, any thread reads and waits. Every
 * method holds this store's monitor only for a copy or a count, never while calling out.
 */
public final class MemoryStore {

    /** The default of {@code telltale.memory.capacity}. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private static final ConcurrentMap<String, MemoryStore> STORES = new ConcurrentHashMap<>();

    private final String name;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private int capacity = DEFAULT_CAPACITY;
    private long added;
    private long evicted;

    private MemoryStore(String name) {
        this.name = name;
    }

    /**
     * The store named {@code name}, made (empty, with the default capacity) if there is none.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static MemoryStore named(String name) {
        Objects.requireNonNull(name, "name == null");
        return STORES.computeIfAbsent(name, MemoryStore::new);
    }

    /**
     * Forgets {@code store}, so that its name no longer finds it; a sink that still holds it can
     * still add to it, and its events can still be read.
     */
    public static void release(MemoryStore store) {
        STORES.remove(store.name, store);
    }

    /** Whether a store is registered under {@code name}; for tests. */
    static boolean isRegistered(String name) {
        return STORES.containsKey(name);
    }

    /** The name it is registered under. */
    public String name() {
        return name;
    }

    /** The most events kept. */
    public synchronized int capacity() {
        return capacity;
    }

    /**
     * Keeps at most {@code max} events from now on, dropping (and counting) the oldest beyond it.
     *
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    synchronized void capacity(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 but was " + max);
        }
        capacity = max;
        trim();
    }

    /** Adds {@code batch} in order, dropping the oldest beyond the capacity, and wakes waiters. */
    synchronized void addAll(List<Event> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (Event e : batch) {
            events.addLast(e);
        }
        added += batch.size();
        trim();
        notifyAll();
    }

    private void trim() {
        while (events.size() > capacity) {
            events.pollFirst();
            evicted++;
        }
    }

    /** Every event kept, oldest first, as an unmodifiable copy. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /**
     * The events kept that were added after the first {@code mark} ever added, oldest first (those
     * already dropped are missing), and the count to pass as {@code mark} next time.
     */
    public synchronized Slice since(long mark) {
        long oldest = added - events.size(); // how many were added before the oldest one kept
        long skip = Math.max(0, mark - oldest);
        if (skip >= events.size()) {
            return new Slice(List.of(), added);
        }
        int wanted = (int) (events.size() - skip);
        List<Event> copy = new ArrayList<>(wanted);
        Iterator<Event> newestFirst = events.descendingIterator();
        for (int i = 0; i < wanted; i++) {
            copy.add(newestFirst.next());
        }
        Collections.reverse(copy);
        return new Slice(copy, added);
    }

    /**
     * Events read from a store, and where they end.
     *
     * @param events the events, oldest first
     * @param end how many events the store had ever been given when they were read
     */
    public record Slice(List<Event> events, long end) {}

    /** How many events were ever added. */
    public synchronized long added() {
        return added;
    }

    /** How many events were dropped because the store was full. */
    public synchronized long evicted() {
        return evicted;
    }

    /**
     * Waits until more than {@code mark} events were ever added, at most {@code nanos}.
     *
     * @return whether there are
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public synchronized boolean awaitMoreThan(long mark, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (added <= mark && left > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            left = deadline - System.nanoTime();
        }
        return added > mark;
    }

    @Override
    public synchronized String toString() {
        return "MemoryStore{" + name + ", " + events.size() + " of " + capacity + " events, " + evicted + " evicted}";
    }
}
