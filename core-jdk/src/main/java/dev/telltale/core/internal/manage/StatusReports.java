package dev.telltale.core.internal.manage;

import dev.telltale.probe.ProbeSpec.Applied;
import dev.telltale.spi.SpecStore;
import dev.telltale.tool.SpecJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's {@code applied} statuses: a status is sent to the store when it differs from
 * the last one sent for that spec version (same status and error are not sent again), and kept
 * pending while the store cannot take it. Used by the manager's thread; {@link #latest()} may be
 * read from any thread.
 */
final class StatusReports {

    private record Sent(Instant version, String status, String error) {}

    private final SpecStore store;
    private final String processId;
    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final Map<String, Applied> pending = new LinkedHashMap<>();
    private final Map<String, Applied> latest = new ConcurrentHashMap<>();

    StatusReports(SpecStore store, String processId) {
        this.store = store;
        this.processId = processId;
    }

    /** Records {@code applied} for spec {@code id} at {@code version}; returns whether it is news. */
    boolean report(String id, Applied applied, Instant version) {
        Sent s = new Sent(version, applied.status().json(), applied.error());
        Sent before = sent.get(id);
        if (before != null && before.equals(s)) {
            return false;
        }
        sent.put(id, s);
        pending.put(id, applied);
        latest.put(id, applied);
        return true;
    }

    /** Forgets specs that are no longer in the store. */
    void retain(Collection<String> ids) {
        sent.keySet().retainAll(ids);
        pending.keySet().retainAll(ids);
        latest.keySet().retainAll(ids);
    }

    /** Sends what is pending; what the store refuses stays pending for the next flush. */
    void flush() {
        for (var it = pending.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Applied> e = it.next();
            try {
                store.report(e.getKey(), processId, SpecJson.toJson(e.getValue()));
                it.remove();
            } catch (IOException | RuntimeException failed) {
                return; // the store is failing: the next pass tries again
            }
        }
    }

    Map<String, Applied> latest() {
        return Map.copyOf(latest);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }
}
