package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.probe.expr.Scope;
import dev.telltale.probe.Hit;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Target;

/**
 * One event of one call, as instruments ({@link Hit}) and expressions ({@link Scope}) read it.
 * Made on the calling thread only when an armed instrument needs it, used there, then dropped;
 * {@link #value} is set for each instrument in turn.
 */
final class Frame implements Hit, Scope {

    private static final Object[] NO_ARGS = {};

    private final Site site;
    private final ProbeEvent event;
    private final Object self;
    private final Object[] args;
    private final Object result;
    private final Throwable exception;
    private final long elapsedNanos;
    Object value;

    Frame(Site site, ProbeEvent event, Object self, Object[] args, Object result, Throwable exception,
            long elapsedNanos) {
        this.site = site;
        this.event = event;
        this.self = self;
        this.args = args == null ? NO_ARGS : args;
        this.result = result;
        this.exception = exception;
        this.elapsedNanos = elapsedNanos;
    }

    @Override
    public ProbeEvent event() {
        return event;
    }

    @Override
    public Target target() {
        return site.target();
    }

    @Override
    public Object self() {
        return self;
    }

    @Override
    public int argCount() {
        return args.length;
    }

    @Override
    public Object arg(int index) {
        return args[index];
    }

    @Override
    public int parameterIndex(String name) {
        return site.parameterIndex(name);
    }

    @Override
    public Object result() {
        return result;
    }

    @Override
    public Throwable exception() {
        return exception;
    }

    @Override
    public long elapsedNanos() {
        return elapsedNanos;
    }

    @Override
    public Object value() {
        return value;
    }

    @Override
    public Thread thread() {
        return Thread.currentThread();
    }

    /** The arguments, for copies (breakpoints). */
    Object[] args() {
        return args;
    }
}
