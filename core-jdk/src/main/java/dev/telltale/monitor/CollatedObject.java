package dev.telltale.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A context rebuilt from its {@code context.*} messages by {@link Monitor#objects}: the fields as
 * they were at the end, its log lines, its lifetime, and what was missing. Immutable and
 * thread-safe. See {@code docs/MONITOR.md} for the collation rules.
 */
public final class CollatedObject {

    /** How the object left the collator. */
    public enum Status {
        /** Its {@code context.finished} message arrived. */
        FINISHED,
        /** It was a {@code context.transient} message: one message, given out at once. */
        TRANSIENT,
        /**
         * It never finished while the monitor watched: no message for it during the collate
         * timeout (in stream time), too many objects open at once or holding too many bytes, or
         * the input ended.
         */
        INCOMPLETE;

        private final String label = name().toLowerCase(java.util.Locale.ROOT);

        /** {@code finished}, {@code transient} or {@code incomplete}, as written in JSON. */
        public String label() {
            return label;
        }
    }

    /**
     * Sequence numbers {@code first} to {@code last} (inclusive) of the object that never
     * arrived.
     */
    public record Gap(long first, long last) {
    }

    private final String id;
    private final String routingKey;
    private final Status status;
    private final boolean fragment;
    private final Instant born;
    private final String bornText;
    private final Instant finished;
    private final String finishedText;
    private final Double elapsed;
    private final boolean reclaimed;
    private final String host;
    private final long pid;
    private final Map<String, String> headers;
    private final Map<String, Object> fields;
    private final List<Object> log;
    private final List<Gap> gaps;
    private final int messages;
    private final String firstPosition;
    private final String lastPosition;

    CollatedObject(Partial p, Status status) {
        this.id = p.id;
        this.routingKey = p.routingKey;
        this.status = status;
        this.fragment = p.earlier != null;
        this.born = p.born;
        this.bornText = p.bornText;
        this.finished = p.finished;
        this.finishedText = p.finishedText;
        this.elapsed = status == Status.FINISHED ? p.elapsed : null;
        this.reclaimed = p.reclaimed;
        this.host = p.host;
        this.pid = p.pid;
        this.headers = p.headers;
        this.fields = java.util.Collections.unmodifiableMap(p.fields);
        this.log = p.log == null ? List.of() : java.util.Collections.unmodifiableList(p.log);
        this.gaps = p.gaps == null ? List.of() : java.util.Collections.unmodifiableList(p.gaps);
        this.messages = p.messages;
        this.firstPosition = p.firstPosition;
        this.lastPosition = p.lastPosition;
    }

    /**
     * The context's id: the {@code source} of its messages. Objects are told apart by {@link
     * #host()}, {@link #pid()} and id together: two processes may use the same ids.
     */
    public String id() {
        return id;
    }

    /** The routing key of its messages. */
    public String routingKey() {
        return routingKey;
    }

    /** How it left the collator: finished, transient, or incomplete. */
    public Status status() {
        return status;
    }

    /**
     * Whether every message of the object was seen: it finished (or was transient), its {@code
     * born} was seen, and there are no {@linkplain #gaps() gaps}.
     */
    public boolean complete() {
        return status != Status.INCOMPLETE && gaps.isEmpty() && born != null && !fragment;
    }

    /**
     * Whether this continues an object given out before as incomplete (it timed out, or was
     * evicted, and then more of its messages came): it holds only the messages after the last
     * {@code seq} of that print, its {@link #fields()} only what they set, and its {@linkplain
     * #gaps() gaps} start after that print's last {@code seq}. Its {@code born} is empty, and it is
     * never complete.
     */
    public boolean fragment() {
        return fragment;
    }

    /** When it was born; empty when its {@code born} message was missed. For a transient object, its time. */
    public Optional<Instant> born() {
        return Optional.ofNullable(born);
    }

    /** When it finished; empty unless finished. For a transient object, its time. */
    public Optional<Instant> finished() {
        return Optional.ofNullable(finished);
    }

    /** Seconds from born to finished, as the context measured them; empty unless finished. */
    public OptionalDouble elapsed() {
        return elapsed == null ? OptionalDouble.empty() : OptionalDouble.of(elapsed);
    }

    /**
     * Whether the context was never closed and the garbage collector reclaimed it; false unless
     * finished.
     */
    public boolean reclaimed() {
        return reclaimed;
    }

    /** The host of the process that owned the context. */
    public String host() {
        return host;
    }

    /** The process id of the process that owned the context. */
    public long pid() {
        return pid;
    }

    /** The context's headers (the events' {@code headers}), possibly empty. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The fields as they were after the last message: born's, then updates merged, removals applied. */
    public Map<String, Object> fields() {
        return fields;
    }

    /**
     * The {@code context.log} messages, oldest first: each the message's fields with its {@code
     * time} first. After {@value Partial#MAX_LIST} entries the rest are counted in a last
     * {@code {"$omitted":N}} element.
     */
    public List<Object> log() {
        return log;
    }

    /** The sequence numbers that never arrived, in order; a missed born is a gap from 1. */
    public List<Gap> gaps() {
        return gaps;
    }

    /** How many of its messages were applied. */
    public int messages() {
        return messages;
    }

    /** Where its first applied message was read. */
    public String firstPosition() {
        return firstPosition;
    }

    /** Where its last applied message was read. */
    public String lastPosition() {
        return lastPosition;
    }

    /**
     * The object as JSON would show it, members in this order: {@code id}, {@code routingKey},
     * {@code status}, {@code complete}, {@code fragment}, {@code born}, {@code finished} (ISO-8601 text as in the
     * events, or null), {@code elapsed}, {@code reclaimed} (null unless finished), {@code host},
     * {@code pid}, {@code headers}, {@code fields}, {@code log}, {@code gaps} (as {@code
     * [[first,last],…]}), {@code messages}. Every member is always present.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(24);
        map.put("id", id);
        map.put("routingKey", routingKey);
        map.put("status", status.label());
        map.put("complete", complete());
        map.put("fragment", fragment);
        map.put("born", bornText);
        map.put("finished", finishedText);
        map.put("elapsed", elapsed);
        map.put("reclaimed", status == Status.FINISHED ? reclaimed : null);
        map.put("host", host);
        map.put("pid", pid);
        map.put("headers", headers);
        map.put("fields", fields);
        map.put("log", log);
        List<Object> gapList = new ArrayList<>(gaps.size());
        for (Gap gap : gaps) {
            gapList.add(List.of(gap.first(), gap.last()));
        }
        map.put("gaps", gapList);
        map.put("messages", messages);
        return map;
    }

    /**
     * {@link #toMap()} followed by {@code "positions":{"first":…,"last":…}}: where its first and
     * last applied messages were read.
     */
    public Map<String, Object> toVerboseMap() {
        Map<String, Object> map = toMap();
        Map<String, Object> positions = new LinkedHashMap<>(4);
        positions.put("first", firstPosition);
        positions.put("last", lastPosition);
        map.put("positions", positions);
        return map;
    }

    @Override
    public String toString() {
        return "CollatedObject{" + id + " of " + host + ":" + pid + ", " + routingKey + ", " + status.label() + (complete() ? "" : ", incomplete data")
                + (fragment ? ", fragment" : "") + ", " + messages + " messages}";
    }
}
