package dev.telltale.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What the demo's probe published, added up from its {@code probe.*} events as they are read back
 * (see {@code docs/EVENTS.md}): calls counted and timed, the lowest and highest p99 of the timer's reports,
 * lines logged, and how the instruments and the probe ended. Fixed memory, however long the run.
 * Thread-safe.
 */
final class DemoProbeTally {

    private boolean attached;
    private int added;
    private long counted;
    private long timed;
    private long p99Low = -1;
    private long p99High = -1;
    private long logged;
    private long logLimited;
    private int expired;
    private int removed;
    private int failed;
    private String error;
    private Instant lastExpired;
    private String detached;

    /** Adds one {@code probe.*} event read back: its kind and the event as parsed. */
    synchronized void add(String kind, Map<String, Object> event) {
        Map<?, ?> fields = event.get("fields") instanceof Map<?, ?> m ? m : Map.of();
        String type = String.valueOf(fields.get("type"));
        switch (kind) {
            case "probe.attached" -> attached = true;
            case "probe.added" -> added++;
            case "probe.log" -> logged++;
            case "probe.metric" -> {
                if (type.equals("counter")) {
                    counted = Math.max(counted, number(fields.get("total")));
                } else if (type.equals("timer")) {
                    timed += number(fields.get("count"));
                    if (fields.get("p99_ns") instanceof Number p99) {
                        p99Low = p99Low < 0 ? p99.longValue() : Math.min(p99Low, p99.longValue());
                        p99High = Math.max(p99High, p99.longValue());
                    }
                }
            }
            case "probe.expired", "probe.removed", "probe.error" -> {
                if (type.equals("log")) {
                    logLimited += number(fields.get("limited"));
                }
                if (kind.equals("probe.expired")) {
                    expired++;
                    Instant time = time(event.get("time"));
                    if (time != null && (lastExpired == null || time.isAfter(lastExpired))) {
                        lastExpired = time;
                    }
                } else if (kind.equals("probe.removed")) {
                    removed++;
                } else {
                    failed++;
                    error = error == null ? String.valueOf(fields.get("error")) : error;
                }
            }
            case "probe.detached" -> detached = String.valueOf(fields.get("reason"));
            default -> { } // probe.started, probe.stopped: the demo does neither
        }
    }

    /** The figures so far, or null if no {@code probe.attached} was read back. */
    synchronized Figures figures() {
        return attached ? new Figures(added, counted, timed, p99Low, p99High, logged, logLimited, expired, removed, failed,
                error, lastExpired, detached) : null;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Instant time(Object value) {
        try {
            return value instanceof String s ? Instant.parse(s) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A probe's figures, for the demo's summary.
     *
     * @param instruments instruments added
     * @param counted calls the counter counted
     * @param timed calls the timer timed
     * @param p99Low the lowest p99 of the timer's reports, in nanoseconds, or -1 if none was read
     * @param p99High the highest, or -1
     * @param logged hits the log instrument recorded
     * @param logLimited hits the log instrument left out for its rate limit
     * @param expired instruments whose lifespan ended
     * @param removed instruments removed (when the pipeline closed first)
     * @param failed instruments disabled by an error
     * @param error the first such error, or null
     * @param lastExpired when the last instrument expired, or null
     * @param detached why the probe detached, or null while it is attached
     */
    record Figures(int instruments, long counted, long timed, long p99Low, long p99High, long logged, long logLimited,
            int expired, int removed, int failed, String error, Instant lastExpired, String detached) {}
}
