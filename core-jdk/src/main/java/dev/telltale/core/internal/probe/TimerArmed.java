package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.probe.expr.Expression;
import dev.telltale.core.internal.probe.metric.LogHistogram;
import dev.telltale.probe.InstrumentSpec;
import java.util.Map;

/**
 * {@code timer} (the call's elapsed nanoseconds) and {@code histogram} (its value, a whole
 * number): a distribution in fixed memory; a timer hit without a condition allocates nothing.
 */
final class TimerArmed extends Armed {

    private final LogHistogram histogram = new LogHistogram();
    private final boolean timer;

    TimerArmed(InstrumentSpec spec, ProbeImpl probe, Expression condition, Expression value) {
        super(spec, probe, condition, value, false, false);
        this.timer = spec.type().equals("timer") && value == null;
    }

    @Override
    boolean needsElapsed() {
        return timer || super.needsElapsed();
    }

    @Override
    void record(Frame frame, long elapsedNanos) {
        histogram.record(timer ? elapsedNanos : Numbers.whole(frame.value, spec));
    }

    @Override
    Map<String, Object> report() {
        return Metrics.fields(histogram.intervalSnapshot(), timer);
    }

    /** Whether this records elapsed time (in nanoseconds). */
    boolean isTimer() {
        return timer;
    }
}
