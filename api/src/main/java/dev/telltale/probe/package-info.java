/**
 * Probes: instruments attached to calls of running code by name, without redeploying it. {@link
 * dev.telltale.probe.Probes} makes probe points (a proxy of an interface, an instrumented method
 * handle) and attaches {@link dev.telltale.probe.Probe}s; each probe holds named instruments
 * ({@code log}, {@code counter}, {@code histogram}, {@code timer}, or a custom {@link
 * dev.telltale.probe.Instrument}) described by an {@link dev.telltale.probe.InstrumentSpec}, each
 * with a lifespan. {@link dev.telltale.probe.Breakpoint} pauses chosen calls for concurrency tests.
 *
 * <p><b>The hot path.</b> A probe point with no active instrument costs about nothing. A hit
 * takes no lock and does no I/O; {@code counter} and {@code timer} without a condition allocate
 * nothing. Nothing an instrument, an expression or a custom class throws reaches the target: the
 * instrument is disabled and the error published. The events are described in {@code
 * docs/EVENTS.md} under {@code probe.}.
 *
 * <p>Arguments are checked with {@link java.lang.NullPointerException} and {@link
 * java.lang.IllegalArgumentException} naming what was wrong.
 */
package dev.telltale.probe;
