package dev.telltale.core.internal.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded multi-producer queue that never refuses an element: when it is full, in elements
 * or in bytes, the producer evicts the oldest elements to make room. Evictions are counted
 * exactly.
 *
 * <p><b>Progress.</b> {@link #offer} and {@link #poll} are lock-free: they never block and take no
 * lock; a producer may spin for the few instructions another thread needs to finish a slot it
 * has claimed. Any number of threads may offer; any number may poll (the pipeline has one
 * consumer, but producers poll too when they evict).
 *
 * <p><b>Ordering.</b> Elements leave in the order their producers claimed slots (FIFO), whether
 * they are polled or evicted.
 *
 * <p><b>Bytes.</b> Each element carries a size (the caller's estimate of its encoded size).
 * The byte bound is kept by evicting after insertion, so with many producers racing it can be
 * exceeded briefly by the sizes of the elements being inserted at that moment.
 *
 * <p>The design is a bounded ring with a sequence number per slot (after Dmitry Vyukov's bounded
 * MPMC queue), where a producer that finds the ring full takes the oldest element itself.
 *
 * @param <E> the element type
 */
public final class DropOldestQueue<E> extends DropOldestQueueFields {

    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);

    private final int capacity;
    private final int mask;
    private final long maxBytes;
    private final long[] sequences;
    private final Object[] elements;
    private final int[] sizes;
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder evicted = new LongAdder();

    /**
     * @param capacity the most elements held; rounded up to a power of two internally, but never
     *     more than {@code capacity} elements are held
     * @param maxBytes the most bytes held, by the sizes given to {@link #offer}
     * @throws IllegalArgumentException if {@code capacity} is not in [1, 2^30] or {@code
     *     maxBytes} is not positive
     */
    public DropOldestQueue(int capacity, long maxBytes) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be in [1, 2^30]: " + capacity);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
        this.mask = slots - 1;
        this.maxBytes = maxBytes;
        this.sequences = new long[slots];
        this.elements = new Object[slots];
        this.sizes = new int[slots];
        for (int i = 0; i < slots; i++) {
            sequences[i] = i;
        }
    }

    /**
     * Appends {@code element}, first evicting the oldest element if the queue holds {@code
     * capacity} elements, then evicting the oldest elements while the bytes held exceed {@code
     * maxBytes}.
     *
     * @param size the element's size in bytes, at most {@code maxBytes}
     * @return how many elements this call evicted
     * @throws IllegalArgumentException if {@code size} is negative or above {@code maxBytes}
     */
    public int offer(E element, int size) {
        if (size < 0 || size > maxBytes) {
            throw new IllegalArgumentException("size must be in [0, " + maxBytes + "]: " + size);
        }
        int evictions = 0;
        long t;
        while (true) {
            t = tail();
            if (t - head() >= capacity) {
                // full by count (the ring may have spare slots when capacity is not a power of two)
                if (evictOldest(t)) {
                    evictions++;
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            int slot = (int) t & mask;
            long difference = (long) SEQUENCE.getAcquire(sequences, slot) - t;
            if (difference == 0) {
                if (casTail(t, t + 1)) {
                    break;
                }
            } else if (difference < 0) {
                // the slot still holds the element from one lap ago, being taken right now
                Thread.onSpinWait();
            }
            // difference > 0: another producer claimed t; reload
        }
        int slot = (int) t & mask;
        elements[slot] = element;
        sizes[slot] = size;
        SEQUENCE.setRelease(sequences, slot, t + 1);
        bytesIn.add(size);
        while (bytes() > maxBytes && take() != null) {
            evicted.increment();
            evictions++;
        }
        return evictions;
    }

    /** Removes and returns the oldest element, or null if there is none ready. */
    public E poll() {
        return take();
    }

    /**
     * Moves up to {@code max} of the oldest elements into {@code sink}, oldest first. Claims each
     * run of ready elements with one compare-and-set, so a consumer draining in batches touches
     * the head, which evicting producers also move, once per run rather than once per element.
     *
     * @return how many were moved
     */
    @SuppressWarnings("unchecked")
    public int drainTo(List<? super E> sink, int max) {
        int moved = 0;
        while (moved < max) {
            long h = head();
            int ready = 0;
            while (ready < max - moved
                    && (long) SEQUENCE.getAcquire(sequences, (int) (h + ready) & mask) == h + ready + 1) {
                ready++;
            }
            if (ready == 0) {
                break; // empty, or the oldest slot is claimed but not yet written
            }
            if (!casHead(h, h + ready)) {
                continue; // a producer evicted the oldest meanwhile: look again
            }
            long bytes = 0;
            for (int i = 0; i < ready; i++) {
                int slot = (int) (h + i) & mask;
                sink.add((E) elements[slot]);
                bytes += sizes[slot];
                elements[slot] = null;
                SEQUENCE.setRelease(sequences, slot, h + i + mask + 1);
            }
            bytesOut.add(bytes);
            moved += ready;
        }
        return moved;
    }

    /** Elements held now (0 to capacity); a moment's estimate while others are busy. */
    public int size() {
        long size = tail() - head();
        return (int) Math.max(0, Math.min(capacity, size));
    }

    /** Bytes held now, by the sizes given to {@link #offer}; a moment's estimate. */
    public long bytes() {
        return bytesIn.sum() - bytesOut.sum();
    }

    /** Elements ever inserted by {@link #offer}. */
    public long inserted() {
        return tail();
    }

    /** Elements ever removed, by {@link #poll}, {@link #drainTo} or eviction. */
    public long removed() {
        return head();
    }

    /** Elements ever evicted by {@link #offer} to make room. */
    public long evicted() {
        return evicted.sum();
    }

    /** The capacity in elements. */
    public int capacity() {
        return capacity;
    }

    /** The capacity in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Evicts the element at {@code tail - capacity} if the queue is still full and that element
     * is still the oldest; otherwise the caller re-reads and retries.
     */
    private boolean evictOldest(long tail) {
        long h = head();
        if (tail - h < capacity || (long) SEQUENCE.getAcquire(sequences, (int) h & mask) != h + 1
                || !casHead(h, h + 1)) {
            return false;
        }
        release(h);
        evicted.increment();
        return true;
    }

    private E take() {
        while (true) {
            long h = head();
            long difference = (long) SEQUENCE.getAcquire(sequences, (int) h & mask) - (h + 1);
            if (difference == 0) {
                if (casHead(h, h + 1)) {
                    return release(h);
                }
            } else if (difference < 0) {
                return null; // empty, or the oldest slot is claimed but not yet written
            }
            // difference > 0: another thread took h; reload
        }
    }

    /** Empties the slot of position {@code h}, which the caller has just claimed. */
    @SuppressWarnings("unchecked")
    private E release(long h) {
        int slot = (int) h & mask;
        E e = (E) elements[slot];
        int size = sizes[slot];
        elements[slot] = null;
        SEQUENCE.setRelease(sequences, slot, h + mask + 1);
        bytesOut.add(size);
        return e;
    }
}

/** Head and tail counters, padded apart so producers and the consumer do not share a cache line. */
abstract class DropOldestQueuePad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

abstract class DropOldestQueueTail extends DropOldestQueuePad0 {
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(DropOldestQueueTail.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long tail;

    final long tail() {
        return tail;
    }

    final boolean casTail(long expected, long next) {
        return TAIL.compareAndSet(this, expected, next);
    }
}

abstract class DropOldestQueuePad1 extends DropOldestQueueTail {
    long p10, p11, p12, p13, p14, p15, p16, p17;
    long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

abstract class DropOldestQueueHead extends DropOldestQueuePad1 {
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(DropOldestQueueHead.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long head;

    final long head() {
        return head;
    }

    final boolean casHead(long expected, long next) {
        return HEAD.compareAndSet(this, expected, next);
    }
}

abstract class DropOldestQueueFields extends DropOldestQueueHead {
    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;
}
