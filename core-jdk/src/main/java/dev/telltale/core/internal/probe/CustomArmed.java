package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.probe.expr.Expression;
import dev.telltale.internal.Fatal;
import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user's {@link Instrument}, shielded: what it throws disables it and never reaches the target. */
final class CustomArmed extends Armed {

    private final Instrument instrument;

    CustomArmed(InstrumentSpec spec, ProbeImpl probe, Expression condition, Expression value, Instrument instrument) {
        super(spec, probe, condition, value, true, false);
        this.instrument = instrument;
    }

    @Override
    boolean needsElapsed() {
        return spec.event() != ProbeEvent.CALL;
    }

    @Override
    void record(Frame frame, long elapsedNanos) throws Exception {
        instrument.record(frame);
    }

    @Override
    Map<String, Object> report() {
        Map<String, ?> figures = instrument.report(); // a throw here is caught by the caller and fails it
        return figures == null ? null : new LinkedHashMap<>(figures);
    }

    @Override
    void close() {
        try {
            instrument.close();
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }
}
