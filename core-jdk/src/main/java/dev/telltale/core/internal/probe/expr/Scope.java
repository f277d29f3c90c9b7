package dev.telltale.core.internal.probe.expr;

/**
 * One call as an {@link Expression} sees it. Implemented by the probe engine, usually as a
 * reusable per-hit view; an expression calls it only on the thread that evaluates it, and only
 * for the parts it {@link Expression#reads(Symbol) reads}, so a caller may leave the others
 * unset. Methods should not throw: an exception passes through the evaluation unchanged.
 */
public interface Scope {

    /** The receiver, or null for a static target or when not captured. */
    Object self();

    /** How many arguments the call has. */
    int argCount();

    /** Argument {@code index}, in {@code [0, argCount())}; the expression checks the bounds first. */
    Object arg(int index);

    /**
     * The index of the parameter named {@code name}, or -1 when the target has no parameter of
     * that name (or was not compiled with {@code -parameters}, so its names are unknown).
     */
    int parameterIndex(String name);

    /** The returned value, or null (also before the call returns and for void targets). */
    Object result();

    /** The thrown exception, or null. */
    Throwable exception();

    /** How long the call took, in nanoseconds (0 before it returns). */
    long elapsedNanos();

    /** The calling thread. */
    Thread thread();
}
