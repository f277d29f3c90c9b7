package dev.telltale.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the objects given out most recently as finished or transient, each with the newest
 * event time among its messages, so that messages arriving for them later are recognized. Holds
 * at most {@code capacity} ids, forgetting the oldest. Not thread-safe.
 */
final class RecentIds {

    private final Map<String, Long> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    void remember(String id, long newestEventNanos) {
        ids.put(id, newestEventNanos);
    }

    /** The newest event time of the object given out under {@code id}, or null. */
    Long newest(String id) {
        return ids.get(id);
    }

    int size() {
        return ids.size();
    }
}
