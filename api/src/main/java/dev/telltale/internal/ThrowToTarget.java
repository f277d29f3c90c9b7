package dev.telltale.internal;

/**
 * Thrown by Telltale's own instruments (a failing {@link dev.telltale.probe.Breakpoint}) to make
 * the probed call throw {@link #payload()}: the one exception a probe's dispatcher lets through,
 * unwrapped. Every other throwable from an instrument is caught and disables it.
 */
public final class ThrowToTarget extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Throwable payload;

    public ThrowToTarget(Throwable payload) {
        super(null, null, false, false);
        this.payload = payload;
    }

    /** What the target throws. */
    public Throwable payload() {
        return payload;
    }
}
