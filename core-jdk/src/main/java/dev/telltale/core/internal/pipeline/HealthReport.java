package dev.telltale.core.internal.pipeline;

import dev.telltale.PipelineStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a health report says about a queue and the place it drains into, written once for the
 * event pipeline and the Zipkin reporter so that both read alike: the fields of a {@code
 * telltale.health} event, and the drop counts of the line logged at close. Stateless; the methods
 * only read {@code stats}.
 */
public final class HealthReport {

    private HealthReport() {}

    /**
     * The fields of a {@code telltale.health} event for {@code stats}, in a fixed order, with
     * {@code backendError} (null while the backend is healthy) last.
     */
    public static Map<String, Object> fields(PipelineStats stats, String backendError) {
        Map<String, Object> dropped = new LinkedHashMap<>();
        dropped.put("queue-full", stats.droppedQueueFull());
        dropped.put("too-large", stats.droppedTooLarge());
        dropped.put("backend-error", stats.droppedBackendError());
        dropped.put("shutdown", stats.droppedShutdown());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("backend", stats.backend());
        fields.put("offered", stats.offered());
        fields.put("published", stats.published());
        fields.put("dropped", stats.dropped());
        fields.put("droppedBy", dropped);
        fields.put("pending", stats.pending());
        fields.put("queueDepth", stats.queueDepth());
        fields.put("queueBytes", stats.queueBytes());
        fields.put("suppressed", stats.suppressed());
        fields.put("backendError", backendError);
        return fields;
    }

    /**
     * The dropped and pending counts of {@code stats} for a log line: {@code "dropped 4 (queue-full
     * 1, too-large 1, backend-error 1, shutdown 1), pending 0"}.
     */
    public static String drops(PipelineStats s) {
        return "dropped " + s.dropped() + " (queue-full " + s.droppedQueueFull() + ", too-large " + s.droppedTooLarge()
                + ", backend-error " + s.droppedBackendError() + ", shutdown " + s.droppedShutdown() + "), pending "
                + s.pending();
    }
}
