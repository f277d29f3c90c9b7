/**
 * The monitor: reads Telltale's events back from a backend's consuming side or from JSON lines,
 * filters them by topic pattern, and rebuilds contexts from their messages. Start at {@link
 * dev.telltale.monitor.Monitor}; {@code docs/MONITOR.md} describes the rules and the command
 * line built on it ({@code ./telltale monitor}).
 *
 * <p><b>Nulls.</b> Arguments must not be null unless a method says so ({@link
 * java.lang.NullPointerException} names the argument); results are never null, except {@link
 * dev.telltale.monitor.MonitorStream#poll} on timeout and the nullable options documented on
 * {@link dev.telltale.monitor.MonitorOptions}.
 *
 * <p><b>Threads.</b> A {@link dev.telltale.monitor.MonitorStream} is read by one thread at a time
 * and closed from any; everything else here is immutable and thread-safe.
 *
 * <p><b>Memory.</b> Collation holds the objects that are open and a bounded number of
 * recently finished ids, never the stream: its memory depends on how many contexts are alive at
 * once, not on how long the monitor runs.
 *
 * <p><b>Not the hot path.</b> This is the consuming side; it runs in the monitor's own process
 * (or the application's, when used as a library) and never on the publishing path.
 */
package dev.telltale.monitor;
