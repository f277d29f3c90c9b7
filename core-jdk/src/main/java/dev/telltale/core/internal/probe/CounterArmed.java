package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.probe.expr.Expression;
import dev.telltale.probe.InstrumentSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.telltale.core.internal.probe.metric.Counter;

/** {@code counter}: counts hits, or adds up its value. A hit without a value allocates nothing. */
final class CounterArmed extends Armed {

    private final Counter total = new Counter();

    CounterArmed(InstrumentSpec spec, ProbeImpl probe, Expression condition, Expression value) {
        super(spec, probe, condition, value);
    }

    @Override
    void record(Frame frame, long elapsedNanos) {
        if (spec.value() == null) {
            total.increment();
        } else if (frame.value != null) { // a null value adds nothing
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
