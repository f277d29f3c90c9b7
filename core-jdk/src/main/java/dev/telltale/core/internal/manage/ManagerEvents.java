package dev.telltale.core.internal.manage;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Stamp;
import dev.telltale.spi.Redaction;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The manager's events ({@code probe.spec.*}, {@code probe.store.*}, routing key {@code
 * telltale.probe.manager}, source {@code manager:<process id>}) and its log lines: the first
 * store failure of an outage is logged as a warning, the later ones at debug level, the recovery
 * as info.
 */
final class ManagerEvents {

    static final String ROUTING_KEY = "telltale.probe.manager";
    private static final System.Logger LOG = System.getLogger("dev.telltale.probe");

    private final Engine engine;
    private final String source;
    private final String processId;
    private final AtomicLong seq = new AtomicLong();

    ManagerEvents(Engine engine, String processId) {
        this.engine = engine;
        this.processId = processId;
        this.source = "manager:" + processId;
    }

    void spec(String kind, String id, String target, String error) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("spec", id);
        f.put("process", processId);
        if (target != null) {
            f.put("target", target);
        }
        if (error != null) {
            f.put("error", error);
        }
        publish(kind, f);
    }

    void storeFailed(String rawAddress, String rawError, int failures, long retryMillis) {
        String address = Redaction.uriPasswords(rawAddress);
        String error = Redaction.uriPasswords(rawError);
        if (failures == 1) {
            LOG.log(Level.WARNING, "telltale: probe spec store " + address + " failed (" + error
                    + "); probes keep their last state, retrying in " + retryMillis + " ms");
        } else {
            LOG.log(Level.DEBUG, () -> "telltale: probe spec store " + address + " still failing (" + error + "), attempt " + failures);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("store", address);
        f.put("process", processId);
        f.put("error", error);
        f.put("failures", failures);
        f.put("retry_ms", retryMillis);
        publish("probe.store.error", f);
    }

    void storeRecovered(String rawAddress, int failures) {
        String address = Redaction.uriPasswords(rawAddress);
        LOG.log(Level.INFO, "telltale: probe spec store " + address + " reachable again after " + failures + " failed attempts");
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("store", address);
        f.put("process", processId);
        f.put("failures", failures);
        publish("probe.store.recovered", f);
    }

    private void publish(String kind, Map<String, ?> fields) {
        if (engine != null) {
            Stamp.offer(engine, kind, ROUTING_KEY, source, seq.incrementAndGet(), Map.of(), fields);
        }
    }
}
