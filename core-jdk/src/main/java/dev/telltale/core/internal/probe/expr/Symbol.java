package dev.telltale.core.internal.probe.expr;

/**
 * A part of the call an {@link Expression} may read; {@link Expression#reads(Symbol)} tells a
 * caller which ones it must capture.
 */
public enum Symbol {
    /** The arguments: {@code args[i]}, {@code args.length} and parameter names. */
    ARGS,
    /** {@code this}, the receiver (null for a static target). */
    THIS,
    /** {@code result}, the returned value. */
    RESULT,
    /** {@code exception}, the thrown exception. */
    EXCEPTION,
    /** {@code elapsed}, the call's duration in nanoseconds. */
    ELAPSED,
    /** {@code thread}, the calling thread. */
    THREAD
}
