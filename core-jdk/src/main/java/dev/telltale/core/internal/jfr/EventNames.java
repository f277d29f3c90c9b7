package dev.telltale.core.internal.jfr;

/**
 * The name a JFR copy of an event carries, {@code "<routing key> <kind>"}, as one {@code String}
 * per pair. JFR writes a string of 17 to 127 chars that it has seen before as a reference into its
 * string pool (one or two bytes), but a shorter one, as most kinds and routing keys are, char by
 * char into every event. Joined, the two usually pass that length; and since the same instance
 * comes back for every event of the pair, its hash is computed once and JFR's pool compares it by
 * reference.
 *
 * <p>Any thread may call {@link #of}. It is lock-free and allocates only when the pair is not in
 * its table (its first event, or after a pair sharing the slot took it): a table of immutable
 * entries, read and written without synchronization; a lost write only means the name is built
 * again. Bounded: {@value #SLOTS} entries at most.
 */
public final class EventNames {

    /** Slots in the table: 2 to the power of {@link #SLOT_BITS}. */
    static final int SLOTS = 512;

    private static final int SLOT_BITS = 9;

    private final Entry[] table = new Entry[SLOTS];

    /** The name of {@code kind} under {@code routingKey}: the same instance while the pair keeps its slot. */
    public String of(String routingKey, String kind) {
        int slot = slot(routingKey, kind);
        Entry e = table[slot];
        if (e != null && (e.routingKey == routingKey || e.routingKey.equals(routingKey))
                && (e.kind == kind || e.kind.equals(kind))) {
            return e.name;
        }
        return miss(slot, routingKey, kind);
    }

    /** Builds and stores the name; apart from {@link #of} so that the emitting path stays small to inline. */
    private String miss(int slot, String routingKey, String kind) {
        Entry e = new Entry(routingKey, kind, routingKey + " " + kind);
        table[slot] = e;
        return e.name;
    }

    /** The slot of a pair in the table: the top bits of its hash times 2^32 / phi, which spreads similar names. */
    static int slot(String routingKey, String kind) {
        return (routingKey.hashCode() * 31 + kind.hashCode()) * 0x9E3779B9 >>> (32 - SLOT_BITS);
    }

    private record Entry(String routingKey, String kind, String name) {}
}
