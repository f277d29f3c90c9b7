package dev.telltale.internal;

import dev.telltale.trace.Scope;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanBuilder;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import java.util.Objects;

/**
 * The span of no trace: what {@link dev.telltale.trace.Tracing#currentSpan()} returns when no span
 * is current, and every span where tracing is off. It is never current; its {@link #context()}
 * is null; every method does nothing (but check its arguments, so code behaves alike with and
 * without the core, see {@link NonRecordingSpan}).
 */
public final class NoopSpan extends NonRecordingSpan {

    /** The one instance. */
    public static final NoopSpan INSTANCE = new NoopSpan();

    /** A builder whose spans are {@link #INSTANCE}. */
    static final SpanBuilder BUILDER = new SpanBuilder() {
        @Override
        public SpanBuilder kind(SpanKind kind) {
            Objects.requireNonNull(kind, "kind == null");
            return this;
        }

        @Override
        public SpanBuilder parent(SpanContext parent) {
            return this;
        }

        @Override
        public SpanBuilder remote(String service, String ip, int port) {
            checkPort(port);
            return this;
        }

        @Override
        public Span start() {
            return INSTANCE;
        }

        @Override
        public Span startDetached() {
            return INSTANCE;
        }
    };

    private static final Scope NO_SCOPE = () -> { };

    private NoopSpan() {}

    /** @throws IllegalArgumentException if {@code port} is not in 0..65535 */
    public static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
    }

    @Override
    public SpanContext context() {
        return null;
    }

    @Override
    public Scope makeCurrent() {
        return NO_SCOPE;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "NoopSpan";
    }
}
