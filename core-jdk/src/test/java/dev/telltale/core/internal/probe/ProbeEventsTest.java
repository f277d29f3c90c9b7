package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.Hit;
import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a probe's events say about its instruments: the fields of {@code probe.added}, the figures
 * of the last {@code probe.metric}, a log's fields per event, the elapsed time instruments on
 * return and exception see, and the probe's own state changes and messages.
 */
class ProbeEventsTest {

    interface Sizer {
        /** Returns {@code n} (0 for null) after the clock has moved; throws for a negative one. */
        long size(Integer n);
    }

    private final FakeEngine engine = new FakeEngine(); // reports every 10 s: none in a test
    private final Probes probes = engine.probes();
    private final Sizer sizer = probes.proxy(Sizer.class, ProbeEventsTest::size);
    private final Probe probe = probes.attach(Target.method(Sizer.class, "size"));

    @AfterEach
    void close() {
        engine.close();
    }

    private static long size(Integer n) {
        long start = System.nanoTime();
        for (int i = 0; i < 10_000_000 && System.nanoTime() == start; i++) {
            Thread.onSpinWait(); // so that the call takes a measurable time
        }
        if (n != null && n < 0) {
            throw new IllegalStateException("negative " + n);
        }
        return n == null ? 0 : n;
    }

    private Event eventOf(String kind, String instrument) {
        return engine.events(kind).stream().filter(e -> instrument.equals(e.field("instrument"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " of " + instrument + " in " + engine.events()));
    }

    @Test
    void added_ofPlainCounter_saysEventAndLifespan_noValueConditionLimitOrSampling() {
        Instant before = Instant.now();
        probe.add(InstrumentSpec.counter("plain").sampling(1).build());
        Event added = eventOf("probe.added", "plain");
        assertEquals("call", added.field("event"));
        assertEquals("counter", added.field("type"));
        assertEquals(600_000L, ((Number) added.field("lifespan_ms")).longValue());
        Instant expires = Instant.parse((String) added.field("expires"));
        assertFalse(expires.isBefore(before.plus(Duration.ofMinutes(10))), expires.toString());
        for (String absent : List.of("value", "condition", "rate_limit", "sampling")) {
            assertFalse(added.fields().containsKey(absent), absent + " in " + added.fields());
        }
    }

    @Test
    void added_ofLogWithEverySetting_saysEachOfThem() {
        probe.add(InstrumentSpec.log("said", "args[0]").event(ProbeEvent.RETURN).condition("args[0] != null")
                .rateLimit(3).sampling(0.5).lifespan(Duration.ofSeconds(90)).build());
        Event added = eventOf("probe.added", "said");
        assertEquals("return", added.field("event"));
        assertEquals("args[0]", added.field("value"));
        assertEquals("args[0] != null", added.field("condition"));
        assertEquals(3.0, ((Number) added.field("rate_limit")).doubleValue());
        assertEquals(0.5, ((Number) added.field("sampling")).doubleValue());
        assertEquals(90_000L, ((Number) added.field("lifespan_ms")).longValue());
    }

    @Test
    void add_returnsTheProbe_forChaining() {
        assertSame(probe, probe.add(InstrumentSpec.counter("a").build()));
        assertSame(probe, probe.add(InstrumentSpec.counter("b").build(), hit -> { }));
    }

    @Test
    void counterWithValue_addsUpTheValues_aNullAddsNothing_lastReportWhenRemoved() {
        probe.add(InstrumentSpec.counter("sizes").value("args[0]").build());
        sizer.size(3);
        sizer.size(null);
        sizer.size(4);
        assertEquals(3L, probe.instruments().get(0).hits(), "every call is a hit");
        assertTrue(probe.remove("sizes"));
        Event metric = eventOf("probe.metric", "sizes");
        assertEquals(7L, metric.field("count"));
        assertEquals(7L, metric.field("total"));
        assertEquals(true, metric.field("last"));
        assertEquals("call", metric.field("event"));
    }

    @Test
    void customInstrument_reportsItsFigures_andIsClosedOnce_whenRemoved() {
        AtomicInteger closed = new AtomicInteger();
        AtomicLong seen = new AtomicLong();
        probe.add(InstrumentSpec.builder("custom", "mine").build(), new Instrument() {
            @Override
            public void record(Hit hit) {
                seen.incrementAndGet();
            }

            @Override
            public Map<String, ?> report() {
                return Map.of("seen", seen.get());
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        });
        sizer.size(1);
        sizer.size(2);
        assertEquals(0, closed.get());
        assertTrue(probe.remove("mine"));
        assertEquals(1, closed.get());
        Event metric = eventOf("probe.metric", "mine");
        assertEquals(2L, ((Number) metric.field("seen")).longValue());
        assertEquals(true, metric.field("last"));
    }

    @Test
    void customInstrument_reportingNull_publishesNoMetric() {
        probe.add(InstrumentSpec.builder("custom", "quiet").build(), hit -> { });
        probe.add(InstrumentSpec.counter("keep").build());
        sizer.size(1);
        assertTrue(probe.remove("quiet"));
        eventOf("probe.removed", "quiet");
        assertTrue(engine.events("probe.metric").stream().noneMatch(e -> "quiet".equals(e.field("instrument"))),
                engine.events().toString());
    }

    @Test
    void customInstrument_onReturn_seesTheCallsElapsedTime_onCallNone() {
        AtomicLong onReturn = new AtomicLong(-1);
        AtomicLong onCall = new AtomicLong(-1);
        probe.add(InstrumentSpec.builder("custom", "ret").event(ProbeEvent.RETURN).build(),
                hit -> onReturn.set(hit.elapsedNanos()));
        probe.add(InstrumentSpec.builder("custom", "call").build(), hit -> onCall.set(hit.elapsedNanos()));
        sizer.size(1);
        assertTrue(onReturn.get() > 0, "elapsed on return: " + onReturn.get());
        assertEquals(0L, onCall.get());
    }

    @Test
    void timer_recordsTheCallsElapsedTime() {
        probe.add(InstrumentSpec.timer("took").build());
        sizer.size(1);
        assertTrue(probe.remove("took"));
        Event metric = eventOf("probe.metric", "took");
        assertEquals(1L, metric.field("count"));
        assertTrue(((Number) metric.field("min_ns")).longValue() > 0, metric.fields().toString());
    }

    @Test
    void histogramOfElapsed_onReturn_recordsTheCallsElapsedTime() {
        probe.add(InstrumentSpec.histogram("took", "elapsed").event(ProbeEvent.RETURN).build());
        sizer.size(1);
        assertTrue(probe.remove("took"));
        Event metric = eventOf("probe.metric", "took");
        assertEquals(1L, metric.field("count"));
        assertTrue(((Number) metric.field("min")).longValue() > 0, metric.fields().toString());
    }

    @Test
    void timer_onCall_isRefused_histogramOnCallIsNot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.timer("t").event(ProbeEvent.CALL).build()));
        assertEquals("timer 't' fires on return or exception, not on call", e.getMessage());
        probe.add(InstrumentSpec.histogram("h", "args[0]").event(ProbeEvent.CALL).build());
        sizer.size(5);
        assertEquals(1L, probe.instruments().get(0).hits());
    }

    @Test
    void log_onReturn_hasElapsedTime_onCallNone_onExceptionTheException() {
        probe.add(InstrumentSpec.log("in", "args[0]").build());
        probe.add(InstrumentSpec.log("out", "result").event(ProbeEvent.RETURN).build());
        probe.add(InstrumentSpec.log("threw", null).event(ProbeEvent.EXCEPTION).message("it threw").build());
        sizer.size(2);
        assertThrows(IllegalStateException.class, () -> sizer.size(-1));
        Event in = eventOf("probe.log", "in");
        assertFalse(in.fields().containsKey("elapsed_ns"), in.fields().toString());
        assertFalse(in.fields().containsKey("exception"), in.fields().toString());
        assertEquals(2, in.field("value"));
        Event out = eventOf("probe.log", "out");
        assertTrue(((Number) out.field("elapsed_ns")).longValue() > 0, out.fields().toString());
        assertEquals(2L, out.field("value"));
        Event threw = eventOf("probe.log", "threw");
        assertEquals("it threw", threw.field("message"));
        assertEquals("exception", threw.field("event"));
        assertFalse(threw.fields().containsKey("value"), threw.fields().toString());
        assertTrue(((Number) threw.field("elapsed_ns")).longValue() > 0, threw.fields().toString());
        assertEquals("java.lang.IllegalStateException", threw.field("exception"));
        assertEquals("negative -1", threw.field("exception_message"));
    }

    @Test
    void stopAndStart_publishStoppedThenStarted_andShowInToString() {
        probe.add(InstrumentSpec.counter("c").build());
        String running = probe.toString();
        assertEquals("Probe{" + probe.id() + " " + probe.target() + "}", running);
        probe.stop();
        assertEquals("Probe{" + probe.id() + " " + probe.target() + " stopped}", probe.toString());
        sizer.size(1);
        probe.start();
        sizer.size(1);
        List<String> kinds = engine.events().stream().map(Event::kind)
                .filter(k -> k.equals("probe.stopped") || k.equals("probe.started")).toList();
        assertEquals(List.of("probe.stopped", "probe.started"), kinds);
        assertEquals(1L, probe.instruments().get(0).hits(), "a stopped probe counts nothing");
        probe.detach();
        assertEquals("Probe{" + probe.id() + " " + probe.target() + " detached}", probe.toString());
    }

    @Test
    void unknownParameterName_withNamesUnknown_saysHowToNameArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.counter("n").condition("n > 1").build()));
        assertEquals("instrument 'n': 'n' is not a parameter of " + probe.target()
                + " (its parameter names are unknown: compile it with -parameters, or use args[N])", e.getMessage());
    }

    @Test
    void unknownType_listsBuiltInTypes_andTheRegisteredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.builder("gauge", "g").build()));
        assertTrue(e.getMessage().startsWith("instrument 'g': unknown type 'gauge'; built in: counter, histogram, log, timer"),
                e.getMessage());
        probes.register(new dev.telltale.probe.InstrumentFactory() {
            @Override
            public String type() {
                return "zeta";
            }

            @Override
            public Instrument create(InstrumentSpec spec) {
                return hit -> { };
            }
        });
        IllegalArgumentException listed = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.builder("gauge", "g").build()));
        assertTrue(listed.getMessage().contains("; registered: ") && listed.getMessage().endsWith("zeta"),
                listed.getMessage());
    }

    @Test
    void attach_ofAnInterfaceNeverProxied_namesHowToProxyIt_bySimpleName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probes.attach(Target.parse("com.acme.Outer$Lonely#alone")));
        assertTrue(e.getMessage().contains("Wrap an instance with Probes.proxy(Outer.Lonely.class, instance)"),
                e.getMessage());
    }

    @Test
    void attach_ofAnObjectMethodOfAProxiedInterface_saysObjectsMethodsAreNoProbePoints_otherMethodsNot() {
        IllegalArgumentException object = assertThrows(IllegalArgumentException.class,
                () -> probes.attach(Target.method(Sizer.class, "toString")));
        assertTrue(object.getMessage().endsWith("(Object's methods go straight to the target and are no probe points)"),
                object.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> probes.attach(Target.method(Sizer.class, "weigh")));
        assertFalse(other.getMessage().contains("Object's methods"), other.getMessage());
        assertTrue(other.getMessage().startsWith("no method weigh on the proxied interface " + Sizer.class.getName()),
                other.getMessage());
    }
}
