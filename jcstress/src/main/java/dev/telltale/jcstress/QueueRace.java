package dev.telltale.jcstress;

import dev.telltale.core.internal.queue.DropOldestQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * One race on a {@link DropOldestQueue}, of two threads (the machine this was written on has two
 * cores, and jcstress runs only as many actors as there are CPUs): either two producers (the first
 * offers 11, 12, the second 21, 22) or the first producer (11, 12, 13) against a consumer that
 * drains what it can. Afterwards the arbiter drains the rest and checks the outcome. The jcstress
 * tests beside it run both at capacities 1, 2 and 3, where eviction, wrap-around and a consumer
 * racing a producer all happen within a few elements.
 */
class QueueRace {

    static final int OK = 1;
    static final int DUPLICATE = 2;
    static final int REORDERED = 3;
    static final int MISCOUNTED = 4;
    static final int BYTES = 5;

    private final DropOldestQueue<Integer> queue;
    private final List<Integer> consumed = new ArrayList<>();
    private int droppedByOffers1;
    private int droppedByOffers2;

    QueueRace(int capacity) {
        queue = new DropOldestQueue<>(capacity, 1 << 20);
    }

    /** Offers 11, 12 and, if {@code third}, 13. */
    void producer1(boolean third) {
        droppedByOffers1 = queue.offer(11, 3) + queue.offer(12, 3) + (third ? queue.offer(13, 3) : 0);
    }

    void producer2() {
        droppedByOffers2 = queue.offer(21, 5) + queue.offer(22, 5);
    }

    void consumer() {
        queue.drainTo(consumed, 4);
        queue.drainTo(consumed, 4);
    }

    /**
     * {@link #OK} if each element was consumed or counted dropped exactly once, each producer's
     * elements came out in its order, the drops reported by offer match the count and the byte
     * count is zero once empty; otherwise the first rule broken.
     */
    int check(int offered) {
        List<Integer> all = new ArrayList<>(consumed);
        queue.drainTo(all, offered);
        if (all.stream().distinct().count() != all.size()) {
            return DUPLICATE;
        }
        for (int p = 1; p <= 2; p++) {
            int last = 0;
            for (int e : all) {
                if (e / 10 == p) {
                    if (e <= last) {
                        return REORDERED;
                    }
                    last = e;
                }
            }
        }
        if (all.size() + queue.evicted() != offered || queue.offered() != offered
                || droppedByOffers1 + droppedByOffers2 != queue.evicted()) {
            return MISCOUNTED;
        }
        return queue.bytes() == 0 && queue.size() == 0 ? OK : BYTES;
    }
}
