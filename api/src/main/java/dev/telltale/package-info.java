/**
 * Telltale for applications: {@link dev.telltale.Telltale} is a running pipeline, {@link
 * dev.telltale.Emitter} sends {@link dev.telltale.Event}s into it, and {@link
 * dev.telltale.PipelineStats} says where every event went. Each capability has a package of its
 * own beside this one ({@code dev.telltale.context} for contexts); {@code Telltale.context(...)}
 * is the shortcut to it.
 *
 * <p><b>The hot path.</b> Emitting an event allocates the event and nothing else, takes no lock,
 * does no I/O and never throws. Encoding to JSON and talking to the backend happen on one
 * publisher thread. When the queue is full the oldest queued event is dropped and counted.
 *
 * <p>Nulls are rejected with {@link java.lang.NullPointerException} where a method documents it
 * (configuration, construction), and tolerated on the emitting path.
 */
package dev.telltale;
