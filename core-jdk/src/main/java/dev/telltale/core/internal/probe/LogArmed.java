package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.core.internal.probe.expr.Expression;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeEvent;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code log}: each hit publishes a {@code probe.log} event (its message, value, and on return or
 * exception the elapsed time, result's value or exception) and writes one line to {@link
 * System.Logger} {@code dev.telltale.probe} at INFO. Rate-limited to 100 hits a second unless its
 * spec says otherwise. The value is captured on the calling thread, as it is at the hit ({@link
 * HitValue}): the event holds no live object of the application's.
 */
final class LogArmed extends Armed {

    private static final System.Logger LOG = System.getLogger("dev.telltale.probe");

    private final String message;
    private final JsonLimits limits;

    LogArmed(InstrumentSpec spec, ProbeImpl probe, Expression condition, Expression value) {
        super(spec, probe, condition, value, true, false);
        this.message = spec.message() != null ? spec.message()
                : probe.target() + " " + spec.event().name().toLowerCase(java.util.Locale.ROOT);
        this.limits = probe.registry().captureLimits();
    }

    @Override
    boolean needsElapsed() {
        return spec.event() != ProbeEvent.CALL;
    }

    @Override
    void record(Frame frame, long elapsedNanos) {
        Map<String, Object> fields = new LinkedHashMap<>();
        probe.describe(fields, spec);
        fields.put("event", spec.event().name().toLowerCase(java.util.Locale.ROOT));
        fields.put("message", message);
        if (spec.value() != null) {
            fields.put("value", HitValue.capture(frame.value, limits));
        }
        if (spec.event() != ProbeEvent.CALL) {
            fields.put("elapsed_ns", elapsedNanos);
        }
        if (frame.exception() != null) {
            fields.put("exception", frame.exception().getClass().getName());
            fields.put("exception_message", Text.safeMessage(frame.exception()));
        }
        probe.publish("probe.log", fields);
        if (LOG.isLoggable(Level.INFO)) {
            LOG.log(Level.INFO, "probe " + spec.name() + ": " + message
                    + (spec.value() != null ? " " + spec.value() + "=" + Text.safeString(frame.value) : ""));
        }
    }
}
