package dev.telltale.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects given out most recently (finished, transient or incomplete), each with what is
 * needed to tell what a message that arrives for it later is: a duplicate of a message already
 * printed, a late one, or (for an incomplete object) the continuation of what was printed. Holds
 * at most {@code capacity} objects, forgetting the oldest. Not thread-safe.
 */
final class RecentIds {

    /**
     * One object as it was printed.
     *
     * @param newestEventNanos the newest event time among its messages
     * @param firstSeq the first seq the print accounted for (1, or after an earlier print)
     * @param lastSeq the last seq applied
     * @param gaps the seq ranges it was printed without, or null when there were more than
     *     {@value RecentIds#MAX_GAPS} (then no seq in its range counts as applied: a message for
     *     it is called late rather than guessed a duplicate)
     * @param status how it was given out
     */
    record Printed(long newestEventNanos, long firstSeq, long lastSeq, List<CollatedObject.Gap> gaps,
            CollatedObject.Status status) {

        /** Whether the message with {@code seq} was applied in this print. */
        boolean applied(long seq) {
            if (seq < firstSeq || seq > lastSeq || gaps == null) {
                return false;
            }
            for (CollatedObject.Gap gap : gaps) {
                if (seq >= gap.first() && seq <= gap.last()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Most gaps remembered per printed object, so that the remembered objects stay small. */
    static final int MAX_GAPS = 16;

    private final Map<ObjectKey, Printed> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectKey, Printed> eldest) {
                return size() > capacity;
            }
        };
    }

    void remember(ObjectKey key, Printed printed) {
        if (ids.put(key, printed) != null) { // printed again: move it last, to be forgotten last
            ids.remove(key);
            ids.put(key, printed);
        }
    }

    /** How the object under {@code key} was last printed, or null. */
    Printed get(ObjectKey key) {
        return ids.get(key);
    }

    int size() {
        return ids.size();
    }
}
