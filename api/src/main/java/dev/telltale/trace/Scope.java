package dev.telltale.trace;

/**
 * A span made current on a thread by {@link Span#makeCurrent()}, until {@link #close()}. Close it
 * on the thread that opened it, in a try-with-resources block; closing it elsewhere or twice does
 * nothing. It does not end the span.
 */
public interface Scope extends AutoCloseable {

    /** Restores the span that was current before; never throws. */
    @Override
    void close();
}
