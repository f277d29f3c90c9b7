package dev.telltale.internal;

import dev.telltale.trace.Sampler;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanBuilder;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import dev.telltale.trace.Tracer;
import java.util.Objects;

/** Tracing where events are discarded: every span is {@link NoopSpan#INSTANCE}. */
public final class NoopTracing implements TraceEngine {

    /** The one instance. */
    public static final NoopTracing INSTANCE = new NoopTracing();

    private NoopTracing() {}

    @Override
    public boolean active() {
        return false;
    }

    @Override
    public Tracer tracer(String service, Sampler sampler) {
        if (service != null && service.isBlank()) {
            throw new IllegalArgumentException("service name is blank");
        }
        String name = service == null ? "unknown" : service;
        return new Tracer() {
            @Override
            public String serviceName() {
                return name;
            }

            @Override
            public Span span(String spanName) {
                Objects.requireNonNull(spanName, "name == null");
                return NoopSpan.INSTANCE;
            }

            @Override
            public Span span(String spanName, SpanKind kind) {
                Objects.requireNonNull(spanName, "name == null");
                Objects.requireNonNull(kind, "kind == null");
                return NoopSpan.INSTANCE;
            }

            @Override
            public SpanBuilder spanBuilder(String spanName) {
                Objects.requireNonNull(spanName, "name == null");
                return NoopSpan.BUILDER;
            }
        };
    }
}
