package dev.telltale.monitor;

import dev.telltale.Event;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * Rebuilds objects from their {@code context.*} messages (the rules are in {@code
 * docs/MONITOR.md}): one {@link Partial} per context id while it is open, given out when it
 * finishes, when no message came for it during the timeout (in stream time), when too many are
 * open, or when the input ends.
 *
 * <p><b>Stream time</b> is the newest event {@code time} seen, moved on by the wall clock while
 * nothing arrives. Open objects are kept in the order a message last arrived for them, and the
 * stream time at that moment only grows, so the first one is always the next to time out: each
 * message costs one look at it.
 *
 * <p><b>Memory</b> is bounded by the open objects (at most {@code maxLive}, each with at most
 * {@value Partial#MAX_PENDING} waiting messages and {@value Partial#MAX_LIST} log lines) and
 * {@value #REMEMBERED} remembered ids, whatever the length of the stream. Not thread-safe.
 */
final class Collator implements Processor<CollatedObject> {

    /** How many ids of finished and transient objects are remembered to recognize late messages. */
    static final int REMEMBERED = 16_384;

    private final long timeoutNanos;
    private final int maxLive;
    private final Counters counters;
    private final LinkedHashMap<String, Partial> live = new LinkedHashMap<>(256, 0.75f, true);
    private final RecentIds done = new RecentIds(REMEMBERED);
    private long streamNanos = Long.MIN_VALUE;

    Collator(long timeoutNanos, int maxLive, Counters counters) {
        this.timeoutNanos = timeoutNanos;
        this.maxLive = maxLive;
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
        String id = e.source();
        if (kind.equals(Kinds.TRANSIENT)) {
            giveOutTransient(m, time, out);
            return;
        }
        boolean born = kind.equals(Kinds.BORN);
        Partial p = live.get(id);
        if (p == null) {
            Long newest = done.newest(id);
            if (newest != null && !(born && time > newest)) {
                counters.late++;
                return;
            }
            p = open(id, out);
        } else if (born && time > p.newestEventNanos && !p.isEmpty()) {
            // a born newer than everything the object has: its id was reused before it finished
            live.remove(id);
            giveOut(p, CollatedObject.Status.INCOMPLETE, out);
            p = open(id, out);
        }
        p.lastTouch = streamNanos;
        if (p.has(e.seq())) {
            counters.duplicates++;
            return;
        }
        p.offer(m, time);
        if (p.finishedApplied() || kind.equals(Kinds.FINISHED)) {
            live.remove(id);
            done.remember(id, p.newestEventNanos);
            giveOut(p, CollatedObject.Status.FINISHED, out);
        }
    }

    private void giveOutTransient(Message m, long time, Consumer<? super CollatedObject> out) {
        String id = m.event().source();
        Long newest = done.newest(id);
        if (newest != null && time <= newest) {
            counters.late++;
            return;
        }
        Partial p = new Partial(id);
        p.offer(m, time);
        done.remember(id, time);
        giveOut(p, CollatedObject.Status.TRANSIENT, out);
    }

    private Partial open(String id, Consumer<? super CollatedObject> out) {
        if (live.size() >= maxLive) {
            Iterator<Partial> eldest = live.values().iterator();
            Partial p = eldest.next();
            eldest.remove();
            giveOut(p, CollatedObject.Status.INCOMPLETE, out);
        }
        Partial p = new Partial(id);
        live.put(id, p);
        return p;
    }

    /** Gives out, as incomplete, the objects that had no message for longer than the timeout. */
    private void expire(Consumer<? super CollatedObject> out) {
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
            giveOut(p, CollatedObject.Status.INCOMPLETE, out);
        }
    }

    /** Applies what still waits, recording gaps, and hands the object out. */
    private static void giveOut(Partial p, CollatedObject.Status status, Consumer<? super CollatedObject> out) {
        p.applyWaiting(true);
        p.seal();
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
            giveOut(p, CollatedObject.Status.INCOMPLETE, out);
        }
    }

    @Override
    public int live() {
        return live.size();
    }

    /** How many finished ids are remembered now; for tests. */
    int remembered() {
        return done.size();
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
