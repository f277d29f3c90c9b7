package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.probe.expr.Expression;
import dev.telltale.probe.InstrumentSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.telltale.core.internal.probe.metric.Counter;

/**
 * {@code counter}: counts hits, or adds up its value. A hit without a value allocates nothing and
 * takes one atomic add: the count is the hit count every instrument keeps.
 */
final class CounterArmed extends Armed {

    private final Counter total;

    CounterArmed(InstrumentSpec spec, ProbeImpl probe, Expression condition, Expression value) {
        super(spec, probe, condition, value, false, spec.value() == null);
        this.total = spec.value() != null ? new Counter() : hits;
    }

    @Override
    void record(Frame frame, long elapsedNanos) { // with a value only: else the hit count is the count
        if (frame.value != null) { // a null value adds nothing
            total.add(Numbers.whole(frame.value, spec));
        }
    }

    @Override
    Map<String, Object> report() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("count", total.intervalCount());
        fields.put("total", total.total());
        return fields;
    }
}
