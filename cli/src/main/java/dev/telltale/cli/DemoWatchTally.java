package dev.telltale.cli;

import java.util.Map;

/**
 * What the demo's {@code loop.*} events add up to as they are read back (see {@code
 * docs/EVENTS.md}): lag reports with their highest p99 and max, and hangs with the last one's
 * duration and GC time. Fixed memory; thread-safe.
 */
final class DemoWatchTally {

    private long lagReports;
    private long lagP99;
    private long lagMax;
    private int hangs;
    private long lastHangMillis;
    private long lastHangGcMillis;

    /** Adds one {@code loop.*} event read back. */
    synchronized void add(String kind, Map<String, Object> event) {
        Map<?, ?> fields = event.get("fields") instanceof Map<?, ?> m ? m : Map.of();
        if (kind.equals("loop.lag") && number(fields.get("count")) > 0) {
            lagReports++;
            lagP99 = Math.max(lagP99, number(fields.get("p99_ns")));
            lagMax = Math.max(lagMax, number(fields.get("max_ns")));
        } else if (kind.equals("loop.hang.ended")) {
            hangs++;
            lastHangMillis = number(fields.get("durationMs"));
            lastHangGcMillis = number(fields.get("gcMs"));
        }
    }

    synchronized long lagReports() {
        return lagReports;
    }

    synchronized long lagP99() {
        return lagP99;
    }

    synchronized long lagMax() {
        return lagMax;
    }

    synchronized int hangs() {
        return hangs;
    }

    synchronized long lastHangMillis() {
        return lastHangMillis;
    }

    synchronized long lastHangGcMillis() {
        return lastHangGcMillis;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
