package dev.telltale.monitor;

import dev.telltale.Event;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * Rebuilds objects from their {@code context.*} messages (the rules are in {@code
 * docs/MONITOR.md}): one {@link Partial} per {@link ObjectKey} (host, process, context id) while
 * it is open, given out when it finishes, when no message came for it during the timeout (in
 * stream time), when too many are open or they hold too many bytes, or when the input ends.
 *
 * <p><b>Stream time</b> is the newest event {@code time} seen, moved on by the wall clock while
 * nothing arrives. Open objects are kept in the order a message last arrived for them, and the
 * stream time at that moment only grows, so the first one is always the next to time out: each
 * message costs one look at it. An object whose {@code finished} arrived before some of its
 * earlier messages is held for the reorder window (in stream time) while they may still come;
 * held objects wait in a queue in the order they were held, which is the order their windows
 * end.
 *
 * <p><b>Memory</b> is bounded by the open objects: at most {@code maxLive} of them, and at most
 * {@code maxBytes} of their {@linkplain Partial#bytes estimated bytes} (each with at most {@value
 * Partial#MAX_PENDING} waiting messages and {@value Partial#MAX_LIST} log lines), plus {@value
 * #REMEMBERED} printed objects remembered, whatever the length of the stream. The quietest object
 * goes first when either bound is passed. Not thread-safe.
 */
final class Collator implements Processor<CollatedObject> {

    /** How many printed objects are remembered to recognize the messages that come for them later. */
    static final int REMEMBERED = 16_384;

    private final long timeoutNanos;
    private final int maxLive;
    private final long maxBytes;
    private final long reorderNanos;
    private final Counters counters;
    private final LinkedHashMap<ObjectKey, Partial> live = new LinkedHashMap<>(256, 0.75f, true);
    private final ArrayDeque<Partial> held = new ArrayDeque<>();
    private final RecentIds printed = new RecentIds(REMEMBERED);
    private long streamNanos = Long.MIN_VALUE;
    private long heldBytes;

    Collator(long timeoutNanos, int maxLive, Counters counters) {
        this(timeoutNanos, maxLive, Long.MAX_VALUE, 0, counters);
    }

    Collator(long timeoutNanos, int maxLive, long maxBytes, long reorderNanos, Counters counters) {
        this.timeoutNanos = timeoutNanos;
        this.maxLive = maxLive;
        this.maxBytes = maxBytes;
        this.reorderNanos = reorderNanos;
        this.counters = counters;
    }

    @Override
    public void accept(Message m, Consumer<? super CollatedObject> out) {
        Event e = m.event();
        long time = epochNanos(e.time());
        if (time > streamNanos) {
            streamNanos = time;
            expire(out);
        }
        String kind = e.kind();
        if (!kind.startsWith(Kinds.PREFIX) || e.seq() < 1) {
            counters.ignored++; // not a context's message: contexts count from 1
            return;
        }
        ObjectKey key = m.key();
        boolean transientKind = kind.equals(Kinds.TRANSIENT);
        boolean born = transientKind || kind.equals(Kinds.BORN);
        Partial p = transientKind ? null : live.get(key);
        if (p == null) {
            RecentIds.Printed before = printed.get(key);
            RecentIds.Printed continued = null;
            if (before != null && !(born && time > before.newestEventNanos())) {
                if (before.applied(e.seq())) {
                    counters.duplicates++;
                    return;
                }
                if (before.status() != CollatedObject.Status.INCOMPLETE || e.seq() <= before.lastSeq()) {
                    counters.late++;
                    return;
                }
                continued = before; // more of an object printed as incomplete: a fragment
            }
            if (transientKind) {
                giveOutTransient(m, key, time, out);
                return;
            }
            p = open(key, continued, out);
        } else if (born && time > p.newestEventNanos && !p.isEmpty()) {
            // a born newer than everything the object has: its id was reused before it finished
            remove(p);
            giveOut(p, out);
            p = open(key, null, out);
        }
        p.lastTouch = streamNanos;
        switch (p.classify(e.seq())) {
            case DUPLICATE -> counters.duplicates++;
            case LATE -> counters.late++;
            case NEW -> take(p, m, time, out);
        }
    }

    private void take(Partial p, Message m, long time, Consumer<? super CollatedObject> out) {
        long before = p.bytes;
        p.offer(m, time);
        heldBytes += p.bytes - before;
        if (p.finishedApplied() || p.finishedWithGaps() && reorderNanos == 0) {
            remove(p);
            giveOut(p, out);
        } else if (p.finishedWithGaps() && !p.held) {
            p.held = true;
            p.holdUntil = saturatedAdd(streamNanos, reorderNanos);
            held.add(p);
        }
        while (heldBytes > maxBytes && !live.isEmpty()) {
            Partial quietest = live.values().iterator().next();
            remove(quietest);
            giveOut(quietest, out);
        }
    }

    private void giveOutTransient(Message m, ObjectKey key, long time, Consumer<? super CollatedObject> out) {
        Partial p = new Partial(key);
        p.offer(m, time);
        giveOut(p, out);
    }

    private Partial open(ObjectKey key, RecentIds.Printed continued, Consumer<? super CollatedObject> out) {
        if (live.size() >= maxLive) {
            Partial eldest = live.values().iterator().next();
            remove(eldest);
            giveOut(eldest, out);
        }
        Partial p = new Partial(key, continued);
        live.put(key, p);
        heldBytes += p.bytes;
        return p;
    }

    private void remove(Partial p) {
        live.remove(p.key);
        heldBytes -= p.bytes;
    }

    /**
     * Gives out, as finished, the held objects whose reorder window passed, and, as incomplete,
     * the objects that had no message for longer than the timeout.
     */
    private void expire(Consumer<? super CollatedObject> out) {
        while (!held.isEmpty()) {
            Partial p = held.peek();
            if (!p.givenOut && p.holdUntil >= streamNanos) {
                break;
            }
            held.poll();
            if (!p.givenOut) {
                remove(p);
                giveOut(p, out);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        long oldestKept = streamNanos < Long.MIN_VALUE + timeoutNanos ? Long.MIN_VALUE : streamNanos - timeoutNanos;
        Iterator<Partial> it = live.values().iterator();
        while (it.hasNext()) {
            Partial p = it.next();
            if (p.lastTouch >= oldestKept) {
                return;
            }
            it.remove();
            heldBytes -= p.bytes;
            giveOut(p, out);
        }
    }

    /**
     * Applies what still waits, recording gaps, and hands the object out: finished if its {@code
     * finished} arrived, else transient or incomplete. Remembers how it was printed.
     */
    private void giveOut(Partial p, Consumer<? super CollatedObject> out) {
        p.applyWaiting(true);
        p.seal();
        p.givenOut = true;
        CollatedObject.Status status = p.finishedSeq != 0 ? CollatedObject.Status.FINISHED
                : p.born != null && p.finished != null ? CollatedObject.Status.TRANSIENT
                : CollatedObject.Status.INCOMPLETE;
        printed.remember(p.key, p.printed(status));
        out.accept(new CollatedObject(p, status));
    }

    @Override
    public void idle(long wallNanos, Consumer<? super CollatedObject> out) {
        if (streamNanos != Long.MIN_VALUE && wallNanos > 0) {
            streamNanos = saturatedAdd(streamNanos, wallNanos);
            expire(out);
        }
    }

    @Override
    public void end(Consumer<? super CollatedObject> out) {
        Iterator<Partial> it = live.values().iterator();
        while (it.hasNext()) {
            Partial p = it.next();
            it.remove();
            heldBytes -= p.bytes;
            giveOut(p, out);
        }
        held.clear();
    }

    @Override
    public int live() {
        return live.size();
    }

    /** The estimated bytes the open objects hold; for tests. */
    long heldBytes() {
        return heldBytes;
    }

    /** How many printed objects are remembered now; for tests. */
    int remembered() {
        return printed.size();
    }

    static long epochNanos(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
            return Long.MAX_VALUE;
        }
        if (seconds < Long.MIN_VALUE / 1_000_000_000L + 1) {
            return Long.MIN_VALUE + 1;
        }
        return seconds * 1_000_000_000L + time.getNano();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
