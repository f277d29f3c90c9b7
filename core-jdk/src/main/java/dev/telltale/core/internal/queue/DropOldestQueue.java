package dev.telltale.core.internal.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded multi-producer queue that never makes a producer wait for long: when it is full, in
 * elements or in bytes, the producer evicts the oldest elements to make room. Every element
 * offered is taken exactly once ({@link #poll}, {@link #drainTo}) or counted in {@link
 * #evicted()}.
 *
 * <p><b>Progress.</b> {@link #offer} and {@link #poll} take no lock and never block. A thread
 * touches a slot only between claiming it (one compare-and-set) and releasing it (one store a few
 * instructions later): a producer while it writes its element, a taker while it copies one out.
 * {@link #drainTo} releases each slot as soon as it has copied its element, so the consumer never
 * holds more than one slot, and never while its caller works on the batch. A producer that needs
 * a slot another thread holds, or that keeps losing races for the tail, retries at most {@value
 * #ATTEMPTS} times (spinning with {@link Thread#onSpinWait}); then it drops its own element,
 * counted in {@link #evicted()} like any element dropped to make room. So an offer costs a
 * bounded number of steps whatever the scheduler does to other threads. Any number of threads may
 * offer and any number may take (the pipeline has one consumer; producers take when they evict).
 *
 * <p><b>Ordering.</b> Elements leave in the order their producers claimed slots (FIFO), whether
 * they are taken or evicted.
 *
 * <p><b>Bytes.</b> Each element carries a size (the caller's estimate of its encoded size), kept
 * in one counter: a producer adds its size before it claims a slot and a taker subtracts it after
 * releasing one (one atomic add each, no sum over cells). So {@link #bytes()} is never below what
 * the queue holds and exceeds it at most by the sizes of elements being inserted or taken at that
 * instant; when no one is offering or taking it is exact. The byte bound evicts on that count.
 *
 * <p>The ring has more slots than the capacity (the next power of two above it, so at least two;
 * at the largest capacity, 2^30, as many):
 * with one slot, "the element for position h is ready" and "the slot is free for position h + 1"
 * would be the same sequence value; and the spare slots mean the producer that claims the newest
 * position never needs the slot the oldest taker may still be releasing.
 *
 * <p>The design is a bounded ring with a sequence number per slot (after Dmitry Vyukov's bounded
 * MPMC queue), where a producer that finds the ring full takes the oldest element itself.
 *
 * @param <E> the element type
 */
public final class DropOldestQueue<E> extends DropOldestQueueFields {

    /**
     * Steps an offer may take to claim a slot (each an eviction, a lost race or a spin on a slot
     * another thread holds), and evictions it may make for the byte bound.
     */
    static final int ATTEMPTS = 256;

    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);

    private final int capacity;
    private final int mask;
    private final long laps;
    private final long maxBytes;
    private final long[] sequences;
    private final Object[] elements;
    private final int[] sizes;
    private final AtomicLong bytes = new AtomicLong();
    private final LongAdder evicted = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /**
     * @param capacity the most elements held
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
        // the next power of two above capacity (so at least 2); at 2^30, 2^30 itself
        int slots = (int) Math.min(1L << 30, (long) Integer.highestOneBit(capacity) << 1);
        this.mask = slots - 1;
        this.laps = slots;
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
     * maxBytes}. If it cannot claim a slot within {@value #ATTEMPTS} steps it drops {@code
     * element} instead, counting it as evicted.
     *
     * @param size the element's size in bytes, at most {@code maxBytes}
     * @return how many elements this call dropped (evicted, its own element included if dropped)
     * @throws NullPointerException if {@code element} is null
     * @throws IllegalArgumentException if {@code size} is negative or above {@code maxBytes}
     */
    public int offer(E element, int size) {
        if (element == null) {
            throw new NullPointerException("element == null");
        }
        if (size < 0 || size > maxBytes) {
            throw new IllegalArgumentException("size must be in [0, " + maxBytes + "]: " + size);
        }
        bytes.getAndAdd(size); // counted before it is visible, so the count never reads below what is held
        int dropped = 0;
        long t = -1;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long candidate = tail();
            if (candidate - head() >= capacity) {
                // full by count: make room by taking the oldest
                if (evictOldest(candidate)) {
                    dropped++;
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            long difference = (long) SEQUENCE.getAcquire(sequences, (int) candidate & mask) - candidate;
            if (difference == 0) {
                if (casTail(candidate, candidate + 1)) {
                    t = candidate;
                    break;
                }
            } else if (difference < 0) {
                // a taker has claimed the element a lap ago in this slot and not yet released it
                Thread.onSpinWait();
            }
            // difference > 0: another producer claimed this position; reload
        }
        if (t < 0) {
            bytes.getAndAdd(-size);
            refused.increment(); // before evicted: a reader of evicted() then offered() never sees it dropped but not offered
            evicted.increment();
            return dropped + 1;
        }
        int slot = (int) t & mask;
        elements[slot] = element;
        sizes[slot] = size;
        SEQUENCE.setRelease(sequences, slot, t + 1);
        for (int i = 0; i < ATTEMPTS && bytes.get() > maxBytes; i++) {
            if (take(ATTEMPTS) == null) {
                break; // the oldest is being written or taken: whoever finishes it re-checks the bound
            }
            evicted.increment();
            dropped++;
        }
        return dropped;
    }

    /** Removes and returns the oldest element, or null if there is none ready. */
    public E poll() {
        return take(Integer.MAX_VALUE);
    }

    /**
     * Moves up to {@code max} of the oldest elements into {@code sink}, oldest first, one at a
     * time: each slot is claimed, copied out and released before the element is added to {@code
     * sink}, so no slot stays held while this method runs.
     *
     * @return how many were moved
     */
    public int drainTo(List<? super E> sink, int max) {
        int moved = 0;
        while (moved < max) {
            E e = take(Integer.MAX_VALUE);
            if (e == null) {
                break; // empty, or the oldest slot is claimed but not yet written
            }
            sink.add(e);
            moved++;
        }
        return moved;
    }

    /** Elements held now (0 to capacity); a moment's estimate while others are busy. */
    public int size() {
        long size = tail() - head();
        return (int) Math.max(0, Math.min(capacity, size));
    }

    /**
     * Bytes held now, by the sizes given to {@link #offer}: never less than what is held, more by
     * the sizes of elements being inserted or taken at this instant.
     */
    public long bytes() {
        return bytes.get();
    }

    /** Elements ever offered, whether inserted or dropped at once ({@link #inserted()} + those). */
    public long offered() {
        long refusedNow = refused.sum();
        return tail() + refusedNow;
    }

    /** Elements ever inserted by {@link #offer}: the position after the newest. */
    public long inserted() {
        return tail();
    }

    /** Elements ever removed, by {@link #poll}, {@link #drainTo} or eviction: the oldest position held. */
    public long removed() {
        return head();
    }

    /**
     * Elements ever dropped by {@link #offer} to make room: evicted, or (rarely, when it could not
     * claim a slot in time) the offered element itself.
     */
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

    /**
     * Takes the oldest element, or returns null if there is none ready or {@code attempts} races
     * for it were lost (each lost race is another thread's take, so the queue moved on).
     */
    private E take(int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
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
        return null;
    }

    /** Empties the slot of position {@code h}, which the caller has just claimed, and frees it. */
    @SuppressWarnings("unchecked")
    private E release(long h) {
        int slot = (int) h & mask;
        E e = (E) elements[slot];
        int size = sizes[slot];
        elements[slot] = null;
        SEQUENCE.setRelease(sequences, slot, h + laps);
        bytes.getAndAdd(-size);
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
