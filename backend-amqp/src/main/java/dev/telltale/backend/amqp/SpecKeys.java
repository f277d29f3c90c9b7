package dev.telltale.backend.amqp;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a spec store lays its two kinds of entries out in one keyed log: {@code spec/<id>} holds a
 * spec's JSON, {@code applied/<id>/<processId>} one process's status for it. Spec ids never hold
 * a {@code /} ({@link dev.telltale.probe.ProbeSpec#checkId}), so the first {@code /} after the
 * spec id ends it whatever the process id holds.
 */
final class SpecKeys {

    static final String SPEC = "spec/";
    static final String APPLIED = "applied/";

    private SpecKeys() {}

    static String spec(String id) {
        return SPEC + id;
    }

    static String applied(String specId, String processId) {
        return APPLIED + specId + "/" + processId;
    }

    /** The specs of a folded log: id → JSON. */
    static Map<String, String> specs(Map<String, String> log) {
        Map<String, String> specs = new LinkedHashMap<>();
        log.forEach((key, value) -> {
            if (key.startsWith(SPEC)) {
                specs.put(key.substring(SPEC.length()), value);
            }
        });
        return specs;
    }

    /**
     * The statuses of a folded log whose spec is present: spec id → process id → JSON. A status
     * reported after its spec was removed is left out.
     */
    static Map<String, Map<String, String>> statuses(Map<String, String> log) {
        Map<String, Map<String, String>> statuses = new LinkedHashMap<>();
        log.forEach((key, value) -> {
            if (key.startsWith(APPLIED)) {
                int slash = key.indexOf('/', APPLIED.length());
                if (slash > 0) {
                    String specId = key.substring(APPLIED.length(), slash);
                    if (log.containsKey(SPEC + specId)) {
                        statuses.computeIfAbsent(specId, k -> new LinkedHashMap<>()).put(key.substring(slash + 1), value);
                    }
                }
            }
        });
        Map<String, Map<String, String>> copy = new HashMap<>();
        statuses.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }
}
