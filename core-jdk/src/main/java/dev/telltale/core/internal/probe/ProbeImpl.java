package dev.telltale.core.internal.probe;

import dev.telltale.internal.Stamp;
import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A probe on one target: its instruments by name, the sites it serves, and its own event source
 * (routing key {@code telltale.probe}, source id = probe id). Structural changes go through the
 * {@link ProbeRegistry} under its lock; reads of state are volatile.
 */
final class ProbeImpl implements Probe {

    /** Routing key of every probe event. */
    static final String ROUTING_KEY = "telltale.probe";
    private static final int GONE_KEPT = 32;
    private static final AtomicLong IDS = new AtomicLong();

    private final ProbeRegistry registry;
    private final Target target;
    private final String id;
    private final AtomicLong seq = new AtomicLong();
    final Map<String, Armed> armed = new LinkedHashMap<>(); // guarded by the registry's lock
    final Deque<InstrumentStatus> gone = new ArrayDeque<>(); // guarded by the registry's lock
    final List<Site> sites = new ArrayList<>(); // guarded by the registry's lock
    /**
     * Held, outside and before the registry's lock, while a change publishes its events (added,
     * removed, expired, failed, started, stopped, interval reports, detached), so that they keep
     * the order of the changes and {@code probe.detached} comes last. Never on the application's
     * calls.
     */
    final Object order = new Object();
    private volatile Armed[] snapshot = new Armed[0];
    private volatile boolean running = true;
    private volatile boolean attached = true;
    private final boolean byAgent;
    private volatile String agentError;
    private String detaching; // why, once its detach began; guarded by the registry's lock

    ProbeImpl(ProbeRegistry registry, Target target) {
        this(registry, target, false);
    }

    /** @param byAgent whether the Telltale agent serves it (a named method of a class) */
    ProbeImpl(ProbeRegistry registry, Target target, boolean byAgent) {
        this.registry = registry;
        this.target = target;
        this.byAgent = byAgent;
        this.id = "probe-" + IDS.incrementAndGet();
    }

    ProbeRegistry registry() {
        return registry;
    }

    boolean byAgent() {
        return byAgent;
    }

    /** Why the agent last failed to rewrite the target's class, or null. */
    String agentError() {
        return agentError;
    }

    void agentError(String error) {
        agentError = error;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public Probe add(InstrumentSpec spec) {
        registry.add(this, spec, null);
        return this;
    }

    @Override
    public Probe add(InstrumentSpec spec, Instrument instrument) {
        registry.add(this, spec, java.util.Objects.requireNonNull(instrument, "instrument == null"));
        return this;
    }

    @Override
    public boolean remove(String name) {
        return registry.remove(this, java.util.Objects.requireNonNull(name, "name == null"));
    }

    @Override
    public void start() {
        registry.setRunning(this, true);
    }

    @Override
    public void stop() {
        registry.setRunning(this, false);
    }

    @Override
    public boolean running() {
        return running && attached;
    }

    @Override
    public boolean attached() {
        return attached;
    }

    @Override
    public List<InstrumentStatus> instruments() {
        return registry.statuses(this);
    }

    @Override
    public void detach() {
        registry.detach(this, "detached");
    }

    @Override
    public String toString() {
        return "Probe{" + id + " " + target + (attached ? running ? "" : " stopped" : " detached") + "}";
    }

    /** The armed instruments, for sites; a copy-on-write array. */
    Armed[] armed() {
        return snapshot;
    }

    /** Under the registry's lock, after {@link #armed} changed. */
    void armedChanged() {
        snapshot = armed.values().toArray(new Armed[0]);
    }

    void running(boolean run) {
        running = run;
    }

    void detached() {
        attached = false;
    }

    /**
     * Why the probe is being detached, or null: once set (under the registry's lock) the probe
     * takes no instrument and no start or stop, and is out of the registry's map, while its
     * agent-rewritten class gets its bytes back; it is {@link #attached()} until that is done.
     */
    String detaching() {
        return detaching;
    }

    void detaching(String reason) {
        detaching = reason;
    }

    void keepGone(InstrumentStatus status) {
        if (gone.size() == GONE_KEPT) {
            gone.removeFirst();
        }
        gone.addLast(status);
    }

    /** Puts the fields that name this probe and instrument. */
    void describe(Map<String, Object> fields, InstrumentSpec spec) {
        fields.put("probe", id);
        fields.put("target", target.toString());
        if (spec != null) {
            fields.put("instrument", spec.name());
            fields.put("type", spec.type());
        }
    }

    /** Publishes one of this probe's events; never blocks, never throws. */
    void publish(String kind, Map<String, ?> fields) {
        Stamp.offer(registry.engine(), kind, ROUTING_KEY, id, seq.incrementAndGet(), Map.of(), fields);
    }

    /** An instrument threw on the application's thread: retired there, cleaned up on the timer. */
    void failed(Armed a, Throwable t) {
        registry.failed(this, a, t);
    }

    Map<String, Object> fields(InstrumentSpec spec) {
        Map<String, Object> f = new LinkedHashMap<>();
        describe(f, spec);
        return f;
    }
}
