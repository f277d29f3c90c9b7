package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.jfr.ProbeMetricRecord;
import dev.telltale.core.internal.probe.metric.HistogramSnapshot;
import dev.telltale.internal.Fatal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metric instruments' figures: for {@code probe.metric} events, and as JFR events. */
final class Metrics {

    private Metrics() {}

    /** A snapshot's standard figures; a timer's keys end in {@code _ns}. */
    static Map<String, Object> fields(HistogramSnapshot snapshot, boolean nanos) {
        return new LinkedHashMap<>(snapshot.toFields(nanos ? "_ns" : ""));
    }

    /** Commits {@code dev.telltale.ProbeMetric} with the figures, if a recording wants it. */
    static void recordJfr(ProbeImpl probe, Armed a, Map<String, Object> figures) {
        try {
            boolean timer = a instanceof TimerArmed t && t.isTimer();
            String suffix = timer ? "_ns" : "";
            ProbeMetricRecord.commit(probe.id(), probe.target().toString(), a.spec.name(), a.spec.type(), timer,
                    number(figures.get("count")), number(figures.get("total")), number(figures.get("min" + suffix)),
                    number(figures.get("mean" + suffix)), number(figures.get("p50" + suffix)),
                    number(figures.get("p99" + suffix)), number(figures.get("max" + suffix)));
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
