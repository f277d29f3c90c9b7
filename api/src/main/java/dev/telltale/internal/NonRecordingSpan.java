package dev.telltale.internal;

import dev.telltale.trace.Span;
import java.util.Objects;

/**
 * The base of spans that record nothing: {@link NoopSpan} and the core's unsampled spans. Its
 * recording methods check their arguments, as a recording span's do (so code fails alike whether
 * or not a span is sampled), then do nothing and return this span; {@link #end()} does nothing
 * and {@link #isRecording()} is false. It has no state and allocates nothing. Subclasses say what
 * their context, scope and close are.
 */
public abstract class NonRecordingSpan implements Span {

    /** For subclasses. */
    protected NonRecordingSpan() {}

    @Override
    public final Span tag(String key, String value) {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(value, "value == null");
        return this;
    }

    @Override
    public final Span tag(String key, long value) {
        Objects.requireNonNull(key, "key == null");
        return this;
    }

    @Override
    public final Span tag(String key, double value) {
        Objects.requireNonNull(key, "key == null");
        return this;
    }

    @Override
    public final Span tag(String key, boolean value) {
        Objects.requireNonNull(key, "key == null");
        return this;
    }

    @Override
    public final Span annotate(String value) {
        Objects.requireNonNull(value, "value == null");
        return this;
    }

    @Override
    public final Span error(Throwable error) {
        Objects.requireNonNull(error, "error == null");
        return this;
    }

    @Override
    public final Span remote(String service, String ip, int port) {
        NoopSpan.checkPort(port);
        return this;
    }

    @Override
    public final boolean isRecording() {
        return false;
    }

    @Override
    public final void end() {}
}
