package dev.telltale.core.internal.trace;

import dev.telltale.internal.NoopSpan;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanBuilder;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import java.util.Objects;

/** Collects a span's options, then starts it through its {@link CoreTracer}. */
final class CoreSpanBuilder implements SpanBuilder {

    private final CoreTracer tracer;
    private final String name;
    private SpanKind kind = SpanKind.LOCAL;
    private boolean explicit;
    private SpanContext parent;
    private boolean remoteSet;
    private String remoteService;
    private String remoteIp;
    private int remotePort;

    CoreSpanBuilder(CoreTracer tracer, String name) {
        this.tracer = tracer;
        this.name = name;
    }

    @Override
    public SpanBuilder kind(SpanKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind == null");
        return this;
    }

    @Override
    public SpanBuilder parent(SpanContext parent) {
        this.explicit = true;
        this.parent = parent;
        return this;
    }

    @Override
    public SpanBuilder remote(String service, String ip, int port) {
        NoopSpan.checkPort(port);
        remoteSet = true;
        remoteService = service;
        remoteIp = ip;
        remotePort = port;
        return this;
    }

    @Override
    public Span start() {
        return withRemote(tracer.start(name, kind, explicit, parent, true));
    }

    @Override
    public Span startDetached() {
        return withRemote(tracer.start(name, kind, explicit, parent, false));
    }

    private Span withRemote(Span span) {
        return remoteSet ? span.remote(remoteService, remoteIp, remotePort) : span;
    }
}
