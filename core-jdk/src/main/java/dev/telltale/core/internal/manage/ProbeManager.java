package dev.telltale.core.internal.manage;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.ProbeSpec.Applied;
import dev.telltale.probe.ProbeSpec.Status;
import dev.telltale.probe.Probes;
import dev.telltale.spi.SpecStore;
import dev.telltale.tool.SpecJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reconciles the probes of one process with the specs of one {@link SpecStore}: {@link #apply()}
 * starts new specs, replaces modified ones (a different {@code lastModified}), stops removed and
 * expired ones, and reports each spec's outcome for this process back to the store. Each spec
 * succeeds or fails on its own; an instrument that fails later, while it fires, is reported too.
 *
 * <p>A store that cannot be reached changes nothing: the probes keep their last state (they still
 * expire on time) and the failure is reported ({@link ManagerEvents}); {@link ManagerLoop} retries
 * with backoff. Not thread-safe: {@code apply()} runs on one thread at a time (the loop's, or a
 * test's).
 */
public final class ProbeManager {

    private final Probes probes;
    private final Duration interval;
    private final SpecStore store;
    private final String processId;
    private final Governance governance;
    private final Clock clock;
    private final ManagerEvents events;
    private final Map<String, Running> running = new java.util.concurrent.ConcurrentHashMap<>(); // read by runningTargets()
    /** Versions ({@code lastModified}) of specs whose instrument failed while firing: not retried. */
    private final Map<String, Instant> firingFailed = new HashMap<>();
    private final StatusReports reports;
    private long revision = Long.MIN_VALUE;
    private Map<String, String> lastTexts;
    private int failures;

    private record Running(ProbeSpec spec, Probe probe) {}

    /**
     * @param engine where the manager's events go (null: none)
     * @param probes the probes to manage
     * @param clock the manager's time: when specs expire, when statuses are stamped
     * @param interval how often {@link ManagerLoop} calls {@link #apply()}; retries back off from it
     */
    public ProbeManager(Engine engine, Probes probes, SpecStore store, String processId, Governance governance, Clock clock,
            Duration interval) {
        this.interval = Objects.requireNonNull(interval, "interval == null");
        this.probes = Objects.requireNonNull(probes, "probes == null");
        this.store = Objects.requireNonNull(store, "store == null");
        this.processId = Objects.requireNonNull(processId, "processId == null");
        this.governance = Objects.requireNonNull(governance, "governance == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.events = new ManagerEvents(engine, processId);
        this.reports = new StatusReports(store, processId);
    }

    /** This process's id in the statuses. */
    public String processId() {
        return processId;
    }

    /** The store. */
    public SpecStore store() {
        return store;
    }

    /** Consecutive failed attempts to read the store (0 while it answers). */
    public int failures() {
        return failures;
    }

    /** This process's latest outcome for each spec it has seen (and not seen removed). */
    public Map<String, Applied> statuses() {
        return reports.latest();
    }

    /**
     * One reconciliation. Never throws but for fatal errors.
     *
     * @return whether the store answered
     */
    public boolean apply() {
        Instant now = clock.instant();
        Map<String, String> texts = read();
        if (texts != null) {
            reconcile(texts, now);
        } else {
            expire(now);
        }
        watchFiring(now);
        if (texts != null) {
            reports.flush();
        }
        return texts != null;
    }

    private Map<String, String> read() {
        try {
            long r = store.revision();
            Map<String, String> texts = r != -1 && r == revision && lastTexts != null ? lastTexts : Map.copyOf(store.specs());
            revision = r;
            lastTexts = texts;
            if (failures > 0) {
                events.storeRecovered(store.address(), failures);
                failures = 0;
            }
            return texts;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            failures++;
            events.storeFailed(store.address(), String.valueOf(t.getMessage() == null ? t : t.getMessage()), failures,
                    ManagerLoop.delayAfter(failures, interval).toMillis());
            return null;
        }
    }

    private void reconcile(Map<String, String> texts, Instant now) {
        for (String id : List.copyOf(running.keySet())) {
            if (!texts.containsKey(id)) {
                Running r = stop(id);
                events.spec("probe.spec.removed", id, r.spec().target().toString(), null);
            }
        }
        reports.retain(texts.keySet());
        firingFailed.keySet().retainAll(texts.keySet());
        for (Map.Entry<String, String> e : texts.entrySet()) {
            String id = e.getKey();
            ProbeSpec spec;
            try {
                spec = SpecJson.parse(e.getValue());
                if (!spec.id().equals(id)) {
                    throw new IllegalArgumentException("spec stored under id '" + id + "' says its id is '" + spec.id() + "'");
                }
            } catch (IllegalArgumentException bad) {
                if (running.containsKey(id)) {
                    stop(id);
                }
                fail(id, null, "malformed spec: " + bad.getMessage(), now);
                continue;
            }
            applyOne(spec, now);
        }
    }

    private void applyOne(ProbeSpec spec, Instant now) {
        String id = spec.id();
        Running current = running.get(id);
        if (spec.expiredAt(now)) {
            if (current != null) {
                stop(id);
            }
            if (reports.report(id, new Applied(Status.EXPIRED, null, now), spec.lastModified())) {
                events.spec("probe.spec.expired", id, spec.target().toString(), null);
            }
            return;
        }
        if (current != null && current.spec().lastModified().equals(spec.lastModified())) {
            return; // unchanged
        }
        if (spec.lastModified().equals(firingFailed.get(id))) {
            return; // this version failed while firing; a new version is tried again
        }
        if (current != null) {
            stop(id);
        }
        String refusal = governance.refusal(spec);
        if (refusal != null) {
            fail(id, spec, refusal, now);
            return;
        }
        try {
            Duration left = Duration.between(now, spec.expires());
            Probe probe = probes.attach(spec.target());
            probe.add(spec.instrument().toBuilder().lifespan(left).build());
            running.put(id, new Running(spec, probe));
            if (reports.report(id, new Applied(Status.APPLIED, null, now), spec.lastModified())) {
                events.spec("probe.spec.applied", id, spec.target().toString(), null);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(id, spec, e.getMessage(), now);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            fail(id, spec, String.valueOf(t), now);
        }
    }

    private void fail(String id, ProbeSpec spec, String error, Instant now) {
        Instant version = spec == null ? Instant.EPOCH : spec.lastModified();
        if (reports.report(id, new Applied(Status.FAILED, error, now), version)) {
            events.spec("probe.spec.failed", id, spec == null ? null : spec.target().toString(), error);
        }
    }

    /** Specs that ended while the store was out of reach. */
    private void expire(Instant now) {
        for (Running r : List.copyOf(running.values())) {
            if (r.spec().expiredAt(now)) {
                stop(r.spec().id());
                reports.report(r.spec().id(), new Applied(Status.EXPIRED, null, now), r.spec().lastModified());
                events.spec("probe.spec.expired", r.spec().id(), r.spec().target().toString(), null);
            }
        }
    }

    /** Instruments that failed or ended by themselves since the last look. */
    private void watchFiring(Instant now) {
        for (Running r : List.copyOf(running.values())) {
            InstrumentStatus status = latest(r);
            if (status == null || status.state() == InstrumentStatus.State.ACTIVE) {
                continue;
            }
            String id = r.spec().id();
            running.remove(id);
            if (status.state() == InstrumentStatus.State.FAILED) {
                firingFailed.put(id, r.spec().lastModified());
                fail(id, r.spec(), "instrument failed while firing: " + status.error(), now);
            } else if (status.state() == InstrumentStatus.State.EXPIRED) {
                reports.report(id, new Applied(Status.EXPIRED, null, now), r.spec().lastModified());
            } // REMOVED by someone else: applied again on the next pass
        }
    }

    private static InstrumentStatus latest(Running r) {
        InstrumentStatus found = null;
        for (InstrumentStatus s : r.probe().instruments()) {
            if (s.spec().name().equals(r.spec().instrument().name())) {
                found = s; // the last one of that name is the newest
            }
        }
        return found;
    }

    private Running stop(String id) {
        Running r = running.remove(id);
        if (r != null) {
            try {
                r.probe().remove(r.spec().instrument().name());
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
            }
        }
        return r;
    }

    /** Removes every instrument this manager added; the store is left as it is. */
    public void stopAll() {
        for (String id : List.copyOf(running.keySet())) {
            stop(id);
        }
    }

    /** The ids of the specs whose instruments run now; for tests and the demo. */
    public Map<String, String> runningTargets() {
        Map<String, String> m = new LinkedHashMap<>();
        running.forEach((id, r) -> m.put(id, r.spec().target().toString()));
        return m;
    }
}
