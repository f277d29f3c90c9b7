package dev.telltale.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One managed probe instrument, as the probe manager reads it from a spec store: which {@link
 * Target} to attach to, which instrument to add there, until when, and how each process that
 * applied it fared. Its JSON form ({@code docs/SPECS.md}):
 *
 * <pre>{@code
 * {"id": "checkout-latency", "target": "com.acme.Orders#checkout",
 *  "instrument": {"type": "timer", "name": "checkout", "event": "return",
 *                 "value": null, "condition": "args[0].total > 100", "custom": {}},
 *  "lifespan": "PT30M", "lastModified": "2026-12-07T10:00:00Z",
 *  "applied": {"web-1@host:4242": {"status": "applied", "error": null, "at": "2026-12-07T10:00:01Z"}}}
 * }</pre>
 *
 * <p>The spec lives from {@link #lastModified} for its {@link #lifespan} (the instrument's
 * lifespan): it {@link #expires()} then. A spec with a later {@code lastModified} replaces the
 * instrument an earlier version made. Immutable; {@code applied} is an unmodifiable copy.
 *
 * @param id the spec's id: 1–100 letters, digits, {@code _.:-}; unique in its store
 * @param target what to attach to
 * @param instrument what to add there; its {@linkplain InstrumentSpec#lifespan() lifespan} is the spec's
 * @param lastModified when the spec was last written; its lifespan counts from here
 * @param applied how each process that read the spec applied it, by process id
 */
public record ProbeSpec(String id, Target target, InstrumentSpec instrument, Instant lastModified,
        Map<String, Applied> applied) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code id} is not 1–100 letters, digits, {@code _.:-}
     */
    public ProbeSpec {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(target, "target == null");
        Objects.requireNonNull(instrument, "instrument == null");
        Objects.requireNonNull(lastModified, "lastModified == null");
        checkId(id);
        applied = Map.copyOf(Objects.requireNonNull(applied, "applied == null"));
    }

    /** A spec nobody has applied yet. */
    public static ProbeSpec of(String id, Target target, InstrumentSpec instrument, Instant lastModified) {
        return new ProbeSpec(id, target, instrument, lastModified, Map.of());
    }

    /**
     * Checks a spec id.
     *
     * @return {@code id}
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if it is not 1–100 letters, digits, {@code _.:-}
     */
    public static String checkId(String id) {
        Objects.requireNonNull(id, "id == null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("spec id '" + id + "' is not 1-100 letters, digits, '_', '.', ':' or '-'");
        }
        return id;
    }

    /** How long the spec lives after {@link #lastModified}: the instrument's lifespan. */
    public Duration lifespan() {
        return instrument.lifespan();
    }

    /** When the spec ends: {@code lastModified + lifespan}. */
    public Instant expires() {
        return lastModified.plus(instrument.lifespan());
    }

    /** Whether the spec has ended at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires());
    }

    /** This spec with {@code applied} as its statuses. */
    public ProbeSpec withApplied(Map<String, Applied> applied) {
        return new ProbeSpec(id, target, instrument, lastModified, applied);
    }

    /**
     * How one process applied a spec: its {@code applied} entry.
     *
     * @param status what happened
     * @param error for {@link Status#FAILED}, a message a person can act on; otherwise null
     * @param at when the process recorded this
     */
    public record Applied(Status status, String error, Instant at) {

        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code status} or {@code at} is null
         */
        public Applied {
            Objects.requireNonNull(status, "status == null");
            Objects.requireNonNull(at, "at == null");
        }
    }

    /** What became of a spec in one process; its JSON form is the lower-case name. */
    public enum Status {
        /** Its instrument records (or did, until this entry's time). */
        APPLIED,
        /** It could not be applied, or its instrument failed later; the entry's error says why. */
        FAILED,
        /** Its lifespan ended; the instrument was removed. */
        EXPIRED;

        /** The JSON form: {@code applied}, {@code failed}, {@code expired}. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
