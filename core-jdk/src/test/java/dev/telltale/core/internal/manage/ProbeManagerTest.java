package dev.telltale.core.internal.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.ProbeSpec.Applied;
import dev.telltale.probe.ProbeSpec.Status;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import dev.telltale.tool.SpecJson;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeManagerTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final MethodHandle TWICE;

    static {
        try {
            TWICE = MethodHandles.lookup().findStatic(ProbeManagerTest.class, "twice", MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static int twice(int x) {
        return 2 * x;
    }

    private final FakeEngine engine = new FakeEngine();
    private final Probes probes = engine.probes();
    private final TestClock clock = new TestClock(T0);
    private final FlakyStore store = new FlakyStore();
    private final ProbeManager manager = new ProbeManager(engine, probes, store, "svc@test:1", Governance.defaults(), clock,
            Duration.ofSeconds(5));
    private final MethodHandle price = probes.handle("price", TWICE);

    @AfterEach
    void close() {
        engine.close();
    }

    private static ProbeSpec counter(String id, String handle, Instant modified) {
        return ProbeSpec.of(id, Target.handle(handle), InstrumentSpec.counter(id + "-calls").lifespan(Duration.ofMinutes(10)).build(),
                modified);
    }

    private void put(ProbeSpec spec) throws Exception {
        store.inner.put(spec.id(), SpecJson.toJson(spec, false));
    }

    private Applied status(String id) throws Exception {
        String json = store.inner.statuses().getOrDefault(id, Map.of()).get("svc@test:1");
        return json == null ? null : SpecJson.parseApplied(json);
    }

    private InstrumentStatus instrument(String target, String name) {
        Probe p = probes.probe(Target.parse(target)).orElse(null);
        if (p == null) {
            return null;
        }
        InstrumentStatus found = null;
        for (InstrumentStatus s : p.instruments()) {
            if (s.spec().name().equals(name)) {
                found = s;
            }
        }
        return found;
    }

    /** The instrument is no longer active (its probe detached itself when it lost its last one). */
    private boolean gone(String target, String name) {
        InstrumentStatus s = instrument(target, name);
        return s == null || s.state() != InstrumentStatus.State.ACTIVE;
    }

    private int call(int x) throws Throwable {
        return (int) price.invokeExact(x);
    }

    @Test
    void apply_newSpec_attachesInstrument_andReportsApplied() throws Throwable {
        put(counter("a", "price", T0));
        assertTrue(manager.apply());
        call(1);
        call(2);
        assertEquals(2L, instrument("handle:price", "a-calls").hits());
        Applied applied = status("a");
        assertEquals(Status.APPLIED, applied.status());
        assertEquals(T0, applied.at());
        assertEquals(1, engine.events("probe.spec.applied").size());
        // nothing changed: applied again without a second report or event
        manager.apply();
        assertEquals(1, engine.events("probe.spec.applied").size());
        assertEquals(InstrumentStatus.State.ACTIVE, instrument("handle:price", "a-calls").state());
    }

    @Test
    void apply_modifiedSpec_replacesInstrument() throws Throwable {
        put(counter("a", "price", T0));
        manager.apply();
        clock.advance(Duration.ofMinutes(1));
        ProbeSpec v2 = ProbeSpec.of("a", Target.handle("price"),
                InstrumentSpec.counter("a-calls").condition("args[0] > 5").lifespan(Duration.ofMinutes(10)).build(), clock.instant());
        put(v2);
        manager.apply();
        call(1);
        call(9);
        InstrumentStatus now = instrument("handle:price", "a-calls");
        assertEquals("args[0] > 5", now.spec().condition());
        assertEquals(1L, now.hits());
        assertEquals(clock.instant(), status("a").at());
        // the new instrument lives until the spec's expiry, counted from lastModified
        // the new instrument lives what is left of the spec's lifespan, counted from lastModified
        assertEquals(Duration.between(clock.instant(), v2.expires()), now.spec().lifespan());
    }

    @Test
    void apply_removedSpec_removesInstrument() throws Throwable {
        put(counter("a", "price", T0));
        put(counter("b", "price", T0));
        manager.apply();
        store.inner.remove("a");
        manager.apply();
        assertEquals(InstrumentStatus.State.REMOVED, instrument("handle:price", "a-calls").state());
        assertEquals(InstrumentStatus.State.ACTIVE, instrument("handle:price", "b-calls").state());
        assertEquals(Map.of("b", "handle:price"), manager.runningTargets());
        assertEquals(1, engine.events("probe.spec.removed").size());
    }

    @Test
    void apply_afterLifespan_removesInstrument_andReportsExpired() throws Throwable {
        put(counter("a", "price", T0));
        manager.apply();
        assertFalse(gone("handle:price", "a-calls"));
        clock.advance(Duration.ofMinutes(10));
        manager.apply();
        assertTrue(gone("handle:price", "a-calls"));
        assertEquals(Status.EXPIRED, status("a").status());
        assertTrue(manager.runningTargets().isEmpty());
    }

    @Test
    void apply_specExpiredBeforeSeen_isNotApplied() throws Exception {
        put(counter("a", "price", T0.minus(Duration.ofHours(1))));
        manager.apply();
        assertNull(instrument("handle:price", "a-calls"));
        assertEquals(Status.EXPIRED, status("a").status());
    }

    @Test
    void apply_malformedSpecsBesideGoodOne_goodOneApplies_eachBadOneFailsWithItsReason() throws Throwable {
        put(counter("good", "price", T0));
        store.inner.put("notjson", "{\"id\": \"notjson\", \"target\": ");
        store.inner.put("badtarget", SpecJson.toJson(counter("badtarget", "price", T0), false).replace("handle:price", "Orders"));
        store.inner.put("badexpr", SpecJson.toJson(ProbeSpec.of("badexpr", Target.handle("price"),
                InstrumentSpec.counter("x").condition("args[0] >").build(), T0), false));
        manager.apply();
        call(3);
        assertEquals(1L, instrument("handle:price", "good-calls").hits());
        assertEquals(Status.APPLIED, status("good").status());
        Applied notJson = status("notjson");
        assertEquals(Status.FAILED, notJson.status());
        assertTrue(notJson.error().contains("malformed spec") && notJson.error().contains("column"), notJson.error());
        assertTrue(status("badtarget").error().contains("has no '#'"), status("badtarget").error());
        assertTrue(status("badexpr").error().contains("column"), status("badexpr").error());
    }

    @Test
    void apply_disallowedTargetTypeOrLifespan_failsWithTheSetting() throws Exception {
        put(ProbeSpec.of("jdk", Target.parse("java.lang.String#length"), InstrumentSpec.counter("n").build(), T0));
        put(ProbeSpec.of("type", Target.handle("price"), InstrumentSpec.builder("snapshot", "s").build(), T0));
        put(ProbeSpec.of("long", Target.handle("price"), InstrumentSpec.counter("l").lifespan(Duration.ofDays(2)).build(), T0));
        manager.apply();
        assertTrue(status("jdk").error().contains("telltale.probe.manager.deny"), status("jdk").error());
        assertTrue(status("type").error().contains("instrument type 'snapshot' is not allowed"), status("type").error());
        assertTrue(status("long").error().contains("telltale.probe.manager.max-lifespan"), status("long").error());
        assertTrue(probes.list().isEmpty() || probes.list().stream().allMatch(p -> p.instruments().isEmpty()));
    }

    @Test
    void apply_targetOutsideAllowList_fails() throws Exception {
        Governance onlyAcme = new Governance(List.of("com.acme.*"), List.of("java."), Governance.defaults().types(),
                Duration.ofHours(1));
        ProbeManager strict = new ProbeManager(engine, probes, store, "p", onlyAcme, clock, Duration.ofSeconds(5));
        put(counter("h", "price", T0));
        strict.apply();
        String error = SpecJson.parseApplied(store.inner.statuses().get("h").get("p")).error();
        assertTrue(error.contains("not allowed here; allowed: [com.acme.*]"), error);
    }

    @Test
    void apply_namedMethodWithoutAgent_failsSayingTheAgentIsMissing() throws Exception {
        put(ProbeSpec.of("m", Target.parse("com.acme.Orders#checkout"), InstrumentSpec.counter("n").build(), T0));
        manager.apply();
        Applied a = status("m");
        assertEquals(Status.FAILED, a.status());
        assertTrue(a.error().contains("agent"), a.error());
    }

    @Test
    void apply_unknownInstrumentType_failsNamingIt() throws Exception {
        Governance custom = new Governance(List.of("*"), List.of(), java.util.Set.of("nosuch"), Duration.ofHours(1));
        ProbeManager m = new ProbeManager(engine, probes, store, "p", custom, clock, Duration.ofSeconds(5));
        put(ProbeSpec.of("u", Target.handle("price"), InstrumentSpec.builder("nosuch", "n").build(), T0));
        m.apply();
        String error = SpecJson.parseApplied(store.inner.statuses().get("u").get("p")).error();
        assertTrue(error.contains("nosuch"), error);
    }

    @Test
    void instrumentFailingWhileFiring_isReportedFailed_andNotRetriedUntilModified() throws Throwable {
        put(ProbeSpec.of("f", Target.handle("price"), InstrumentSpec.log("f", "args[5]").build(), T0));
        manager.apply();
        assertEquals(Status.APPLIED, status("f").status());
        assertEquals(8, call(4)); // the target never sees the instrument's error
        engine.await(e -> e.kind().equals("probe.error"), Duration.ofSeconds(10));
        manager.apply();
        Applied a = status("f");
        assertEquals(Status.FAILED, a.status());
        assertTrue(a.error().startsWith("instrument failed while firing:"), a.error());
        manager.apply();
        assertEquals(Status.FAILED, status("f").status());
        assertTrue(manager.runningTargets().isEmpty());
    }

    @Test
    void unreachableStore_probesKeepRunning_failureReported_andRecovered() throws Throwable {
        put(counter("a", "price", T0));
        manager.apply();
        store.down = true;
        assertFalse(manager.apply());
        assertFalse(manager.apply());
        assertEquals(2, manager.failures());
        call(1);
        assertEquals(InstrumentStatus.State.ACTIVE, instrument("handle:price", "a-calls").state());
        assertEquals(1L, instrument("handle:price", "a-calls").hits());
        assertEquals(2, engine.events("probe.store.error").size());
        assertTrue(((String) engine.events("probe.store.error").get(0).field("error")).contains("connection refused"));
        // while it is out, the clock still ends specs
        clock.advance(Duration.ofMinutes(11));
        manager.apply();
        assertTrue(gone("handle:price", "a-calls"));
        store.down = false;
        assertTrue(manager.apply());
        assertEquals(0, manager.failures());
        assertEquals(1, engine.events("probe.store.recovered").size());
        assertEquals(Status.EXPIRED, status("a").status()); // the status kept pending reached the store
    }

    @Test
    void delayAfter_doublesFromInterval_upToCap() {
        assertEquals(Duration.ofSeconds(5), ManagerLoop.delayAfter(1, Duration.ofSeconds(5)));
        assertEquals(Duration.ofSeconds(10), ManagerLoop.delayAfter(2, Duration.ofSeconds(5)));
        assertEquals(ManagerLoop.MAX_BACKOFF, ManagerLoop.delayAfter(50, Duration.ofSeconds(5)));
        assertEquals(Duration.ofMinutes(5), ManagerLoop.delayAfter(9, Duration.ofMinutes(5)));
    }
}
