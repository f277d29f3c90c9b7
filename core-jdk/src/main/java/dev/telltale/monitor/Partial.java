package dev.telltale.monitor;

import dev.telltale.Event;
import dev.telltale.internal.Fields;
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
 * forced out, when the missing numbers become {@link CollatedObject.Gap gaps}.
 *
 * <p>It keeps what the printed object needs and no more: the fields, log lines and times, and of
 * the messages only those still waiting. {@link #bytes} estimates what it holds ({@link Sizes}).
 * A <b>fragment</b> continues an object printed before (as incomplete): its accounting starts
 * after the last seq printed. Not thread-safe: owned by one {@link Collator}.
 */
final class Partial {

    /** Most log lines and gaps kept per object. */
    static final int MAX_LIST = 1000;
    /** Most messages waiting for an earlier one; more make the object give up waiting. */
    static final int MAX_PENDING = 1024;

    /** What {@link #classify} says of a message's seq. */
    enum Arrival { NEW, DUPLICATE, LATE }

    final ObjectKey key;
    final String id;
    /** How the object this one continues was printed, or null when it is not a fragment. */
    final RecentIds.Printed earlier;
    /** The first seq this object accounts for: 1, or the one after what an earlier print had. */
    final long firstSeq;
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
    /** Set by {@link #seal()}; until then the last applied message's position is in the two below. */
    String lastPosition;
    private String lastPositionName;
    private long lastPositionLine;
    /** The seq of a {@code context.finished} that arrived, applied or waiting; 0 if none. */
    long finishedSeq;

    /** The sequence number to apply next. */
    long nextSeq;
    /** Messages that arrived before their turn, by seq; null while there are none. */
    private TreeMap<Long, Message> pending;
    /** The newest event time among its messages, applied or pending, in nanoseconds since the epoch. */
    long newestEventNanos = Long.MIN_VALUE;
    /** Stream time when a message for it last arrived. */
    long lastTouch;
    /** The estimated bytes it holds. */
    long bytes = Sizes.OBJECT;
    /** Whether it is held, finished but with gaps, while they may fill; until stream time {@link #holdUntil}. */
    boolean held;
    long holdUntil;
    /** Whether the collator gave it out. */
    boolean givenOut;

    Partial(ObjectKey key) {
        this(key, null);
    }

    /** An object continuing the one printed as {@code earlier}, or a new one if that is null. */
    Partial(ObjectKey key, RecentIds.Printed earlier) {
        this.key = key;
        this.id = key.source();
        this.host = key.host();
        this.pid = key.pid();
        this.earlier = earlier;
        this.firstSeq = earlier == null ? 1 : earlier.lastSeq() + 1;
        this.nextSeq = firstSeq;
    }

    /**
     * Whether a message with {@code seq} is new, a duplicate (applied, in this print or the one
     * it continues, or waiting) or late (its place was given up as a gap).
     */
    Arrival classify(long seq) {
        if (seq < firstSeq) {
            return earlier.applied(seq) ? Arrival.DUPLICATE : Arrival.LATE;
        }
        if (seq < nextSeq) {
            return inGap(seq) ? Arrival.LATE : Arrival.DUPLICATE;
        }
        return pending != null && pending.containsKey(seq) ? Arrival.DUPLICATE : Arrival.NEW;
    }

    private boolean inGap(long seq) {
        if (gaps == null) {
            return false;
        }
        for (CollatedObject.Gap gap : gaps) {
            if (seq >= gap.first() && seq <= gap.last()) {
                return true;
            }
        }
        return gaps.size() >= MAX_LIST && seq > gaps.get(gaps.size() - 1).last(); // gaps past the cap are not kept
    }

    /** Whether its {@code finished} arrived but messages before it did not. */
    boolean finishedWithGaps() {
        return finishedSeq != 0 && !finishedApplied();
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
        if (m.event().kind().equals(Kinds.FINISHED)) {
            finishedSeq = seq;
        }
        if (seq == nextSeq) {
            apply(m);
            applyWaiting(false);
            return;
        }
        if (pending == null) {
            pending = new TreeMap<>();
        }
        pending.put(seq, m);
        bytes += waitingBytes(m);
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
            bytes -= waitingBytes(entry.getValue());
            apply(entry.getValue());
        }
    }

    private static long waitingBytes(Message m) {
        return Sizes.MESSAGE + Sizes.of(m.document());
    }

    private void gap(long first, long last) {
        if (gaps == null) {
            gaps = new ArrayList<>(2);
        }
        if (gaps.size() < MAX_LIST) {
            gaps.add(new CollatedObject.Gap(first, last));
            bytes += 48;
        }
    }

    private void apply(Message m) {
        Event e = m.event();
        nextSeq = e.seq() + 1;
        if (messages++ == 0) {
            routingKey = e.routingKey();
            headers = e.headers();
            bytes += Sizes.of(headers);
            firstPosition = m.position();
        }
        lastPositionName = m.positionName();
        lastPositionLine = m.positionLine();
        switch (e.kind()) {
            case Kinds.BORN -> {
                born = e.time();
                bornText = timeText(m);
                routingKey = e.routingKey();
                headers = e.headers();
                merge(e.fields());
            }
            case Kinds.UPDATE -> merge(e.fields());
            case Kinds.REMOVE -> {
                if (e.field("keys") instanceof List<?> keys) {
                    for (Object key : keys) {
                        String name = String.valueOf(key);
                        Object old = fields.remove(name);
                        if (old != null) {
                            bytes -= Sizes.entry(name, old);
                        }
                    }
                }
            }
            case Kinds.LOG -> addLog(m);
            case Kinds.TRANSIENT -> {
                born = e.time();
                finished = born;
                bornText = timeText(m);
                finishedText = bornText;
                merge(e.fields());
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

    private void merge(Map<String, Object> from) {
        if (from instanceof Fields f) { // what EventDecoding makes: walked by index, no entries made
            for (int i = 0; i < f.size(); i++) {
                merge(f.key(i), f.value(i));
            }
        } else {
            for (Map.Entry<String, Object> field : from.entrySet()) {
                merge(field.getKey(), field.getValue());
            }
        }
    }

    private void merge(String key, Object value) {
        Object old = fields.put(key, value);
        if (old != null) {
            bytes -= Sizes.entry(key, old);
        }
        bytes += Sizes.entry(key, value);
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
        bytes += Sizes.of(line);
    }

    /**
     * Readies it to be given out: the {@code $omitted} marker after the log lines, and the last
     * position.
     */
    void seal() {
        if (logOmitted > 0) {
            log.add(Map.of("$omitted", logOmitted));
        }
        lastPosition = lastPositionName == null ? null
                : lastPositionLine < 0 ? lastPositionName : lastPositionName + ":" + lastPositionLine;
    }

    /** How it was printed, for recognizing the messages that come for it afterwards. */
    RecentIds.Printed printed(CollatedObject.Status status) {
        return new RecentIds.Printed(newestEventNanos, firstSeq, nextSeq - 1,
                gaps == null ? List.of() : gaps.size() > RecentIds.MAX_GAPS ? null : List.copyOf(gaps), status);
    }

    static String timeText(Message m) {
        return m.document().get("time") instanceof String s ? s : m.event().time().toString();
    }
}
