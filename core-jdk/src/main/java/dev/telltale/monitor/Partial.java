package dev.telltale.monitor;

import dev.telltale.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One object being collated: what its messages applied so far made of it, and the messages that
 * arrived ahead of their turn. Messages are applied strictly in {@code seq} order; one that
 * arrives early waits in {@link #pending} until the ones before it came, or until the object is
 * forced out, when the missing numbers become {@link CollatedObject.Gap gaps}. Not thread-safe:
 * owned by one {@link Collator}.
 */
final class Partial {

    /** Most log lines and gaps kept per object. */
    static final int MAX_LIST = 1000;
    /** Most messages waiting for an earlier one; more make the object give up waiting. */
    static final int MAX_PENDING = 1024;

    final String id;
    String routingKey;
    String host;
    long pid;
    Map<String, String> headers = Map.of();
    final Map<String, Object> fields = new LinkedHashMap<>();
    List<Object> log;
    long logOmitted;
    List<CollatedObject.Gap> gaps;
    Instant born;
    String bornText;
    Instant finished;
    String finishedText;
    Double elapsed;
    boolean reclaimed;
    int messages;
    String firstPosition;
    /** Set by {@link #seal()}; until then {@link #lastApplied} says it. */
    String lastPosition;
    private Message lastApplied;

    /** The sequence number to apply next. */
    long nextSeq = 1;
    /** Messages that arrived before their turn, by seq; null while there are none. */
    private TreeMap<Long, Message> pending;
    /** The newest event time among its messages, applied or pending, in nanoseconds since the epoch. */
    long newestEventNanos = Long.MIN_VALUE;
    /** Stream time when a message for it last arrived. */
    long lastTouch;

    Partial(String id) {
        this.id = id;
    }

    /** Whether a message with {@code seq} was already applied or is waiting. */
    boolean has(long seq) {
        return seq < nextSeq || pending != null && pending.containsKey(seq);
    }

    boolean isEmpty() {
        return messages == 0 && (pending == null || pending.isEmpty());
    }

    boolean finishedApplied() {
        return finishedText != null;
    }

    /**
     * Takes a message whose seq it does not have yet: applies it and what waited behind it when it
     * is next, else keeps it for later (giving up waiting when too many wait).
     */
    void offer(Message m, long eventNanos) {
        newestEventNanos = Math.max(newestEventNanos, eventNanos);
        long seq = m.event().seq();
        if (seq == nextSeq) {
            apply(m);
            applyWaiting(false);
            return;
        }
        if (pending == null) {
            pending = new TreeMap<>();
        }
        pending.put(seq, m);
        if (pending.size() > MAX_PENDING) {
            applyWaiting(true);
        }
    }

    /**
     * Applies waiting messages in seq order: those that are next, or, with {@code all}, every one,
     * recording the numbers skipped as gaps.
     */
    void applyWaiting(boolean all) {
        if (pending == null) {
            return;
        }
        Iterator<Map.Entry<Long, Message>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Message> entry = it.next();
            long seq = entry.getKey();
            if (seq != nextSeq) {
                if (!all) {
                    return;
                }
                gap(nextSeq, seq - 1);
            }
            it.remove();
            apply(entry.getValue());
        }
    }

    private void gap(long first, long last) {
        if (gaps == null) {
            gaps = new ArrayList<>(2);
        }
        if (gaps.size() < MAX_LIST) {
            gaps.add(new CollatedObject.Gap(first, last));
        }
    }

    private void apply(Message m) {
        Event e = m.event();
        nextSeq = e.seq() + 1;
        if (messages++ == 0) {
            routingKey = e.routingKey();
            host = e.host();
            pid = e.pid();
            headers = e.headers();
            firstPosition = m.position();
        }
        lastApplied = m;
        switch (e.kind()) {
            case Kinds.BORN -> {
                born = e.time();
                bornText = timeText(m);
                routingKey = e.routingKey();
                headers = e.headers();
                fields.putAll(e.fields());
            }
            case Kinds.UPDATE -> fields.putAll(e.fields());
            case Kinds.REMOVE -> {
                if (e.field("keys") instanceof List<?> keys) {
                    for (Object key : keys) {
                        fields.remove(String.valueOf(key));
                    }
                }
            }
            case Kinds.LOG -> addLog(m);
            case Kinds.TRANSIENT -> {
                born = e.time();
                finished = born;
                bornText = timeText(m);
                finishedText = bornText;
                fields.putAll(e.fields());
            }
            case Kinds.FINISHED -> {
                finished = e.time();
                finishedText = timeText(m);
                elapsed = e.field("elapsed") instanceof Number n ? n.doubleValue() : null;
                reclaimed = Boolean.TRUE.equals(e.field("reclaimed"));
            }
            default -> { } // a context kind this version does not know: it keeps its place in the sequence
        }
    }

    private void addLog(Message m) {
        if (log == null) {
            log = new ArrayList<>(4);
        }
        if (log.size() >= MAX_LIST) {
            logOmitted++;
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>(8);
        line.put("time", timeText(m));
        line.putAll(m.event().fields());
        log.add(line);
    }

    /**
     * Readies it to be given out: the {@code $omitted} marker after the log lines, and the last
     * position.
     */
    void seal() {
        if (logOmitted > 0) {
            log.add(Map.of("$omitted", logOmitted));
        }
        lastPosition = lastApplied == null ? null : lastApplied.position();
        lastApplied = null;
    }

    static String timeText(Message m) {
        return m.document().get("time") instanceof String s ? s : m.event().time().toString();
    }
}
