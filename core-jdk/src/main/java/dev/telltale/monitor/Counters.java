package dev.telltale.monitor;

/**
 * The counts behind {@link MonitorCounts}. Written only by the thread reading the stream (so
 * {@code ++} on a volatile is safe), read by any.
 */
final class Counters {

    volatile long messages;
    volatile long malformed;
    volatile long filtered;
    volatile long ignored;
    volatile long duplicates;
    volatile long late;

    MonitorCounts snapshot(int live) {
        return new MonitorCounts(messages, malformed, filtered, ignored, duplicates, late, live);
    }
}
