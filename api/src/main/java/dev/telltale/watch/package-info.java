/**
 * Loop and hang watch: executors whose slow tasks are reported while they run and when they end
 * ({@link dev.telltale.watch.Watches#watch}), loops whose hangs a watchdog catches and explains
 * with thread dumps and whose lag is measured ({@link dev.telltale.watch.LoopWatch}), and time
 * that runs faster or slower than real time for tests ({@link dev.telltale.watch.TimeDilation}).
 *
 * <p><b>The hot path.</b> A watched executor's task costs one wrapper object and one timestamp
 * (two for a task that may have been slow); no lock, no I/O. {@link
 * dev.telltale.watch.LoopWatch#beat()} is a timestamp and a few volatile writes, no allocation
 * (it ends one turn of the loop and begins the next). Everything
 * else (checks, stacks, dumps, events, log lines, handlers) happens on Telltale's own threads. The
 * events are described in {@code docs/EVENTS.md} under {@code loop.}.
 *
 * <p>Arguments are checked with {@link java.lang.NullPointerException} and {@link
 * java.lang.IllegalArgumentException} naming what was wrong.
 */
package dev.telltale.watch;
