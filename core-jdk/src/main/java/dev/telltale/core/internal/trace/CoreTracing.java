package dev.telltale.core.internal.trace;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Stamp;
import dev.telltale.internal.TraceEngine;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Tracer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The tracing of one engine ({@link Engine#tracing()}): its settings, its span sinks, and the
 * recorder its tracers hand finished spans to. Closing it closes the sinks.
 */
public final class CoreTracing implements TraceEngine, AutoCloseable {

    /** The kind of the event that reports a span sink's first failure. */
    static final String SINK_ERROR = "span.sink-error";

    private final TraceSettings settings;
    private final AtomicLong sinkErrors = new AtomicLong();
    private final SpanSinks sinks;
    private final SpanRecorder recorder;

    /**
     * @param engine where {@code span} events go
     * @param jfrUsable whether JFR events may be begun on the calling thread now
     */
    public CoreTracing(Engine engine, TraceSettings settings, SpanSinks sinks, BooleanSupplier jfrUsable) {
        this.settings = settings;
        this.sinks = sinks;
        this.recorder = new SpanRecorder(engine, sinks, settings.events(), jfrUsable);
        sinks.onFirstFailure((sink, failure) -> Stamp.offer(engine, SINK_ERROR, SpanRecorder.ROUTING_KEY, "telltale.trace",
                sinkErrors.incrementAndGet(), Map.of(),
                Map.of("sink", sink.getClass().getName(), "error", ErrorText.of(failure))));
        sinks.attach(engine);
    }


    @Override
    public boolean active() {
        return true;
    }

    @Override
    public Tracer tracer(String service, Sampler sampler) {
        if (service != null && service.isBlank()) {
            throw new IllegalArgumentException("service name is blank");
        }
        return new CoreTracer(service != null ? service : settings.service(),
                sampler != null ? sampler : settings.sampler(), recorder);
    }

    /** The span sinks; for tests and health. */
    public SpanSinks sinks() {
        return sinks;
    }

    @Override
    public void close() {
        sinks.close();
    }
}
