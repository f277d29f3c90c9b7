package dev.telltale.monitor;

/**
 * What a {@link MonitorStream} has read so far, and what it left out and why. An immutable
 * snapshot: the stream's counts go on changing while it is read.
 *
 * @param messages events read that passed the topic patterns
 * @param malformed inputs skipped because they are not events (each one was also handed to the
 *     {@linkplain MonitorOptions.Builder#onMalformed malformed-input callback})
 * @param filtered events that matched none of the topic patterns (only those the monitor itself
 *     filtered: a backend that filters at the source never hands the others over)
 * @param ignored events left out of collation because their kind is not {@code context.*}
 *     (always 0 for {@link Monitor#messages})
 * @param duplicates context messages whose sequence number was already applied or buffered for
 *     their object (a batch delivered twice)
 * @param late context messages for an object already given out as finished or transient
 * @param live objects being collated now, waiting for more messages (always 0 for {@link
 *     Monitor#messages})
 */
public record MonitorCounts(long messages, long malformed, long filtered, long ignored, long duplicates, long late,
        int live) {
}
