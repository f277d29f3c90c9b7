package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.Hit;
import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentFactory;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What instruments throw stays with them; limits and sampling count what they leave out. */
class InstrumentShieldTest {

    interface Greeter {
        String greet(String name);
    }

    private final FakeEngine engine = new FakeEngine(Duration.ofMillis(50));
    private final Probes probes = engine.probes();
    private final Greeter greeter = probes.proxy(Greeter.class, name -> "hello " + name);

    @AfterEach
    void close() {
        engine.close();
    }

    private Probe probe() {
        return probes.attach(Target.method(Greeter.class, "greet"));
    }

    @Test
    void throwingInstrument_neverReachesTarget_isDisabledAndReported() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Probe probe = probe();
        probe.add(InstrumentSpec.builder("custom", "boom").build(), hit -> {
            calls.incrementAndGet();
            throw new IllegalStateException("instrument broke");
        });
        probe.add(InstrumentSpec.counter("calls").build());
        assertEquals("hello a", greeter.greet("a"));
        assertEquals("hello b", greeter.greet("b"));
        assertEquals(1, calls.get(), "a failed instrument is not called again");
        Event error = engine.await("probe.error", Duration.ofSeconds(5));
        assertEquals("boom", error.field("instrument"));
        assertEquals("java.lang.IllegalStateException: instrument broke", error.field("error"));
        assertEquals(true, error.field("disabled"));
        InstrumentStatus boom = probe.instruments().stream().filter(s -> s.spec().name().equals("boom")).findFirst().get();
        assertEquals(InstrumentStatus.State.FAILED, boom.state());
        assertEquals("java.lang.IllegalStateException: instrument broke", boom.error());
        assertTrue(probe.attached(), "the probe keeps its other instruments");
        assertEquals(2L, probe.instruments().stream().filter(s -> s.spec().name().equals("calls")).findFirst().get().hits());
    }

    @Test
    void throwingError_fatalOnlyPropagates_othersCaught() {
        Probe probe = probe();
        probe.add(InstrumentSpec.builder("custom", "assert").build(), hit -> {
            throw new AssertionError("not fatal to the target");
        });
        assertEquals("hello a", greeter.greet("a"));
        assertEquals(InstrumentStatus.State.FAILED, probe.instruments().get(0).state());
        assertEquals("java.lang.AssertionError: not fatal to the target", probe.instruments().get(0).error());
    }

    @Test
    void customFactory_registeredByType_isUsedBySpecs() {
        List<Object> seen = new ArrayList<>();
        probes.register(new InstrumentFactory() {
            @Override
            public String type() {
                return "capture";
            }

            @Override
            public Instrument create(InstrumentSpec spec) {
                String prefix = spec.options().getOrDefault("prefix", "");
                return hit -> seen.add(prefix + hit.arg(0));
            }
        });
        probe().add(InstrumentSpec.builder("capture", "names").option("prefix", "n=").build());
        greeter.greet("x");
        assertEquals(List.of("n=x"), seen);
        assertThrows(IllegalArgumentException.class, () -> probes.register(new InstrumentFactory() {
            @Override
            public String type() {
                return "counter";
            }

            @Override
            public Instrument create(InstrumentSpec spec) {
                return null;
            }
        }));
    }

    @Test
    void factoryThatThrows_failsTheAddWithItsReason() {
        probes.register(new InstrumentFactory() {
            @Override
            public String type() {
                return "broken";
            }

            @Override
            public Instrument create(InstrumentSpec spec) {
                throw new UnsupportedOperationException("no such thing");
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe().add(InstrumentSpec.builder("broken", "b").build()));
        assertTrue(e.getMessage().contains("no such thing"), e.getMessage());
    }

    @Test
    void throwingReport_disablesInstrument() throws Exception {
        Probe probe = probe();
        probe.add(InstrumentSpec.builder("custom", "reporter").build(), new Instrument() {
            @Override
            public void record(Hit hit) {}

            @Override
            public Map<String, ?> report() {
                throw new IllegalStateException("cannot report");
            }
        });
        Event error = engine.await("probe.error", Duration.ofSeconds(5));
        assertEquals("java.lang.IllegalStateException: cannot report", error.field("error"));
    }

    @Test
    void rateLimit_countsWhatItLeavesOut() {
        Probe probe = probe();
        probe.add(InstrumentSpec.counter("limited").rateLimit(5).build());
        for (int i = 0; i < 50; i++) {
            greeter.greet("a");
        }
        InstrumentStatus s = probe.instruments().get(0);
        assertTrue(s.hits() >= 5 && s.hits() < 50, "hits " + s.hits());
        assertEquals(50, s.hits() + s.limited());
    }

    @Test
    void rateLimit_withCondition_limitsOnlyHitsThatPassIt() {
        Probe probe = probe();
        probe.add(InstrumentSpec.counter("limited").condition("args[0] == 'b'").rateLimit(5).build());
        for (int i = 0; i < 50; i++) {
            greeter.greet("a");
            greeter.greet("b");
        }
        InstrumentStatus s = probe.instruments().get(0);
        assertTrue(s.hits() >= 5 && s.hits() < 50, "hits " + s.hits());
        assertEquals(50, s.hits() + s.limited(), "calls the condition turned away are not limited");
    }

    @Test
    void log_overRateLimit_publishesOnlyWhatItRecords() {
        Probe probe = probe();
        probe.add(InstrumentSpec.log("said", "args[0]").rateLimit(5).build());
        for (int i = 0; i < 50; i++) {
            assertEquals("hello a", greeter.greet("a"));
        }
        InstrumentStatus s = probe.instruments().get(0);
        assertTrue(s.hits() >= 5 && s.hits() < 50, "hits " + s.hits());
        assertEquals(50, s.hits() + s.limited());
        List<Event> logs = engine.events("probe.log");
        assertEquals(s.hits(), logs.size());
        assertEquals("a", logs.get(0).field("value"));
    }

    @Test
    void sampling_countsWhatItLeavesOut() {
        Probe probe = probe();
        probe.add(InstrumentSpec.counter("sampled").sampling(0.5).build());
        for (int i = 0; i < 1000; i++) {
            greeter.greet("a");
        }
        InstrumentStatus s = probe.instruments().get(0);
        assertEquals(1000, s.hits() + s.sampledOut());
        assertTrue(s.hits() > 300 && s.hits() < 700, "hits " + s.hits());
    }

    @Test
    void remove_publishesRemovedAndDetachesWhenLast() throws Exception {
        Probe probe = probe();
        probe.add(InstrumentSpec.counter("c").build());
        assertTrue(probe.remove("c"));
        assertFalse(probe.remove("c"));
        engine.await("probe.removed", Duration.ofSeconds(5));
        assertFalse(probe.attached());
        assertThrows(IllegalStateException.class, () -> probe.add(InstrumentSpec.counter("d").build()));
    }
}
