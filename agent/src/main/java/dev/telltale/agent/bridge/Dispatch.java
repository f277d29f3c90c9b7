package dev.telltale.agent.bridge;

/**
 * Where {@link Hooks} sends the calls that rewritten methods make: implemented by the agent over
 * the core's probe points. {@code site} is the number the agent gave the method when it rewrote
 * it.
 *
 * <p>Called on the application's threads, from any number at once. An implementation never
 * throws, except to pass on what a breakpoint asked to throw into the target.
 */
public abstract class Dispatch {

    /** For subclasses. */
    protected Dispatch() {}

    /** Before the body of a method whose hook captures the call; returns the start for exit/fail. */
    public abstract long enter(int site, Object self, Object[] args);

    /** Before the body of a method whose hook captures nothing. */
    public abstract long enterLean(int site);

    /** After a normal return ({@code result} boxed, null for void). */
    public abstract void exit(int site, long start, Object self, Object[] args, Object result);

    /** After a normal return, capturing nothing. */
    public abstract void exitLean(int site, long start);

    /** After the body threw {@code error}, which the rewritten method then rethrows. */
    public abstract void fail(int site, long start, Object self, Object[] args, Throwable error);

    /** After the body threw {@code error}, capturing nothing. */
    public abstract void failLean(int site, long start, Throwable error);
}
