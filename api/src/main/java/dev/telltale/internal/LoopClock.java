package dev.telltale.internal;

/**
 * Implemented by executors whose time is not the JVM's (a time-dilated scheduler, and watched
 * executors around one): the watch measures their lag and heartbeats in their own time.
 */
public interface LoopClock {

    /** The executor's {@link System#nanoTime()}. Thread-safe, cheap, never throws. */
    long loopNanoTime();
}
