package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Origin;
import dev.telltale.trace.Sampler;
import java.util.function.Consumer;

/**
 * Tracing's settings, read from a {@link Config}.
 *
 * @param service the service of {@code Tracing.tracer()}
 * @param sampler the sampler of new traces, wrapped in {@link Sampler#parentBased} when so configured
 * @param events whether finished spans go through the pipeline as {@code span} events
 */
public record TraceSettings(String service, Sampler sampler, boolean events) {

    /** The service name when {@code telltale.trace.service} is empty. */
    public static final String UNKNOWN_SERVICE = "unknown-service";

    /** The defaults of the configuration table. */
    public static TraceSettings defaults() {
        return new TraceSettings(UNKNOWN_SERVICE, Sampler.parentBased(Sampler.always()), true);
    }

    /**
     * Reads the settings. A malformed {@code telltale.trace.sampler} set in code throws; from the
     * environment it is reported through {@code warn} and {@code always} used instead.
     *
     * @throws IllegalArgumentException as above, naming the key and the value
     */
    public static TraceSettings from(Config config, Consumer<String> warn) {
        String service = config.string(CoreKeys.TRACE_SERVICE).strip();
        String spec = config.string(CoreKeys.TRACE_SAMPLER);
        Sampler sampler;
        try {
            sampler = Sampler.parse(spec);
        } catch (IllegalArgumentException e) {
            String message = "telltale.trace.sampler: " + e.getMessage();
            Origin origin = config.origin(CoreKeys.TRACE_SAMPLER.name());
            if (origin == Origin.CODE) {
                throw new IllegalArgumentException(message, e);
            }
            warn.accept(message + " (" + origin.label() + "); every trace is sampled until this is fixed");
            sampler = Sampler.always();
        }
        if (config.bool(CoreKeys.TRACE_SAMPLER_PARENT_BASED)) {
            sampler = Sampler.parentBased(sampler);
        }
        return new TraceSettings(service.isEmpty() ? UNKNOWN_SERVICE : service, sampler,
                config.bool(CoreKeys.TRACE_EVENTS));
    }
}
