package dev.telltale.internal;

import dev.telltale.trace.Sampler;
import dev.telltale.trace.Tracer;

/**
 * The implementation side of tracing ({@code dev.telltale.trace}), one per engine: makes tracers
 * whose finished spans go through that engine (pipeline, JFR, span sinks). The current span of
 * each thread is process-wide and kept in {@link CurrentSpans}, so that wrappers and log
 * correlation need no engine.
 *
 * <p>Every method is thread-safe; none blocks or throws but for the documented argument checks.
 */
public interface TraceEngine {

    /** Whether spans may be recorded: false when events are discarded. */
    boolean active();

    /**
     * A tracer for {@code service}.
     *
     * @param service the service name, or null for {@code telltale.trace.service}
     * @param sampler the sampler, or null for {@code telltale.trace.sampler}
     * @throws IllegalArgumentException if {@code service} is blank
     */
    Tracer tracer(String service, Sampler sampler);
}
