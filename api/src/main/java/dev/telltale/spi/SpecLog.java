package dev.telltale.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SpecStore} kept in one keyed log (a compacted topic, a stream folded by key): the
 * store author supplies {@link #current()}, the log folded to its latest value per key, and
 * {@link #write}, one record; this class lays the specs and statuses out in it and implements the
 * rest of {@link SpecStore}.
 *
 * <p><b>Key layout.</b> {@code spec/<id>} holds a spec's JSON, {@code applied/<id>/<processId>}
 * one process's status for it, and a tombstone (a {@code null} value) removes either. Spec ids
 * never hold a {@code /} ({@link dev.telltale.probe.ProbeSpec#checkId}), so the first {@code /}
 * after the spec id ends it whatever the process id holds. Values are UTF-8 text.
 *
 * <p><b>Behaviour.</b> {@link #remove} writes a tombstone for each status reported for the spec,
 * then one for the spec. {@link #statuses()} leaves out a status whose spec is absent (reported
 * after its spec was removed). {@link #report} does not write a status equal to the one this
 * instance last wrote for the same spec and process, so a log that is not compacted grows only
 * when a status changes.
 *
 * <p><b>Threading and nulls.</b> The methods of this class are thread-safe if {@link #current()}
 * and {@link #write} are; they block as long as those do and pass on their {@link IOException}.
 * No argument may be {@code null} (but {@code write}'s value): a {@code null} one throws {@link
 * NullPointerException} before anything is written. The static helpers hold no state.
 */
public abstract class SpecLog implements SpecStore {

    /** The prefix of a spec's key: {@code spec/}. */
    public static final String SPEC_PREFIX = "spec/";
    /** The prefix of a status's key: {@code applied/}. */
    public static final String APPLIED_PREFIX = "applied/";

    /** The statuses this instance last wrote, by key; guarded by itself. */
    private final Map<String, String> lastReported = new HashMap<>();

    /** For subclasses. */
    protected SpecLog() {}

    /**
     * The log folded by key: each key's latest value, keys whose latest record is a tombstone
     * left out, in the order the caller chooses (the folds keep it). May block on I/O.
     *
     * @throws IOException if the log cannot be reached or read
     */
    protected abstract Map<String, byte[]> current() throws IOException;

    /**
     * Appends one record; {@code value == null} writes a tombstone for {@code key}. Once this
     * returns, {@link #current()} shows the record. May block on I/O.
     *
     * @throws IOException if the log cannot be reached or written
     */
    protected abstract void write(String key, byte[] value) throws IOException;

    /** The key of spec {@code id}: {@code spec/<id>}. */
    public static String specKey(String id) {
        return SPEC_PREFIX + Objects.requireNonNull(id, "id");
    }

    /** The key of process {@code processId}'s status for spec {@code specId}: {@code applied/<specId>/<processId>}. */
    public static String appliedKey(String specId, String processId) {
        return APPLIED_PREFIX + Objects.requireNonNull(specId, "specId") + "/"
                + Objects.requireNonNull(processId, "processId");
    }

    /**
     * The specs of a folded log (key → text): spec id → JSON, in the log's order. Other keys are
     * ignored. Returns a new mutable map.
     */
    public static Map<String, String> foldSpecs(Map<String, String> log) {
        Map<String, String> specs = new LinkedHashMap<>();
        log.forEach((key, value) -> {
            if (key.startsWith(SPEC_PREFIX)) {
                specs.put(key.substring(SPEC_PREFIX.length()), value);
            }
        });
        return specs;
    }

    /**
     * The statuses of a folded log (key → text) whose spec is in the same log: spec id → process
     * id → JSON; a status whose spec is absent, and an {@code applied/} key without a process id
     * part, are left out. Returns a new map of unmodifiable maps.
     */
    public static Map<String, Map<String, String>> foldStatuses(Map<String, String> log) {
        Map<String, Map<String, String>> statuses = new LinkedHashMap<>();
        log.forEach((key, value) -> {
            if (key.startsWith(APPLIED_PREFIX)) {
                int slash = key.indexOf('/', APPLIED_PREFIX.length());
                if (slash > 0) {
                    String specId = key.substring(APPLIED_PREFIX.length(), slash);
                    if (log.containsKey(SPEC_PREFIX + specId)) {
                        statuses.computeIfAbsent(specId, k -> new LinkedHashMap<>())
                                .put(key.substring(slash + 1), value);
                    }
                }
            }
        });
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        statuses.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    @Override
    public Map<String, String> specs() throws IOException {
        return foldSpecs(text());
    }

    @Override
    public Map<String, Map<String, String>> statuses() throws IOException {
        return foldStatuses(text());
    }

    private Map<String, String> text() throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        current().forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }

    @Override
    public void put(String id, String json) throws IOException {
        String key = specKey(id);
        write(key, Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void remove(String id) throws IOException {
        String prefix = appliedKey(id, "");
        for (String key : current().keySet()) {
            if (key.startsWith(prefix)) {
                write(key, null);
            }
        }
        write(specKey(id), null);
        synchronized (lastReported) {
            lastReported.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    @Override
    public void report(String specId, String processId, String json) throws IOException {
        String key = appliedKey(specId, processId);
        Objects.requireNonNull(json, "json");
        synchronized (lastReported) {
            if (json.equals(lastReported.get(key))) {
                return;
            }
        }
        write(key, json.getBytes(StandardCharsets.UTF_8));
        synchronized (lastReported) {
            lastReported.put(key, json);
        }
    }
}
