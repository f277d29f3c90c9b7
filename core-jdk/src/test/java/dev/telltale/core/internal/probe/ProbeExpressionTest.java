package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Values and conditions read the call: arguments, paths, results, nulls, and bad expressions. */
class ProbeExpressionTest {

    record Customer(String id, String tier) {}

    record Order(Customer customer, List<String> items, long cents) {}

    interface Checkout {
        long checkout(Order order, String coupon);
    }

    private final FakeEngine engine = new FakeEngine(Duration.ofMillis(50));
    private final Probes probes = engine.probes();
    private final Checkout checkout = probes.proxy(Checkout.class, (order, coupon) -> order.cents());
    private final Probe probe = probes.attach(Target.method(Checkout.class, "checkout"));

    @AfterEach
    void close() {
        engine.close();
    }

    private static Order order(String tier, long cents, String... items) {
        return new Order(tier == null ? null : new Customer("c-" + tier, tier), List.of(items), cents);
    }

    @Test
    void log_withConditionAndPathValue_recordsOnlyMatchingCalls() throws Exception {
        probe.add(InstrumentSpec.log("gold", "args[0].customer.id")
                .condition("args[0].customer.tier == 'gold' && args[0].items.size() > 1").build());
        checkout.checkout(order("gold", 100, "a", "b"), null);
        checkout.checkout(order("silver", 100, "a", "b"), null);
        checkout.checkout(order("gold", 100, "a"), null);
        Event log = engine.await("probe.log", Duration.ofSeconds(5));
        assertEquals("c-gold", log.field("value"));
        assertEquals(1, engine.events("probe.log").size());
    }

    @Test
    void nullOnPath_isAValue_notAnError() throws Exception {
        probe.add(InstrumentSpec.log("tier", "args[0].customer.tier").build());
        checkout.checkout(order(null, 1), null);
        Event log = engine.await("probe.log", Duration.ofSeconds(5));
        assertTrue(log.fields().containsKey("value"));
        assertNull(log.field("value"));
        assertEquals(InstrumentStatus.State.ACTIVE, probe.instruments().get(0).state());
    }

    @Test
    void histogram_ofResult_onReturn() throws Exception {
        probe.add(InstrumentSpec.histogram("amounts", "result").build());
        checkout.checkout(order("gold", 250), null);
        checkout.checkout(order("gold", 750), null);
        Event metric = engine.await(e -> e.kind().equals("probe.metric") && Long.valueOf(2).equals(e.field("count")),
                Duration.ofSeconds(10));
        assertEquals(250L, metric.field("min"));
        assertEquals(750L, metric.field("max"));
    }

    @Test
    void counter_withElapsedCondition_onReturn() {
        probe.add(InstrumentSpec.counter("slow").event(ProbeEvent.RETURN).condition("elapsed > 3600s").build());
        probe.add(InstrumentSpec.counter("fast").event(ProbeEvent.RETURN).condition("elapsed < 3600s").build());
        checkout.checkout(order("gold", 1), null);
        assertEquals(0L, probe.instruments().get(0).hits());
        assertEquals(1L, probe.instruments().get(1).hits());
    }

    @Test
    void badSyntax_failsTheAdd_namingColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.log("bad", "args[0].customer.").build()));
        assertTrue(e.getMessage().contains("instrument 'bad': value 'args[0].customer.'"), e.getMessage());
        assertTrue(e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void unknownParameterName_failsTheAdd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.log("named", "nosuchparameter").build()));
        assertTrue(e.getMessage().contains("'nosuchparameter' is not a parameter of"), e.getMessage());
    }

    @Test
    void evaluationError_disablesInstrument_targetUnaffected() throws Exception {
        probe.add(InstrumentSpec.log("oops", "args[5]").build());
        assertEquals(7L, checkout.checkout(order("gold", 7), null));
        Event error = engine.await("probe.error", Duration.ofSeconds(5));
        assertTrue(((String) error.field("error")).contains("EvaluationException"), error.toString());
        assertEquals(InstrumentStatus.State.FAILED, probe.instruments().get(0).state());
    }

    @Test
    void nonBooleanCondition_disablesInstrument() throws Exception {
        probe.add(InstrumentSpec.counter("weird").condition("args[0].cents").build());
        checkout.checkout(order("gold", 7), null);
        Event error = engine.await("probe.error", Duration.ofSeconds(5));
        assertTrue(((String) error.field("error")).contains("not a boolean"), error.toString());
    }

    @Test
    void throwingToString_inLogValue_isDescribedNotThrown() throws Exception {
        interface Holder {
            Object hold(Object o);
        }
        Holder holder = probes.proxy(Holder.class, o -> o);
        probes.attach(Target.method(Holder.class, "hold")).add(InstrumentSpec.log("held", "args[0]").build());
        Object nasty = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        assertEquals(nasty, holder.hold(nasty));
        engine.await("probe.log", Duration.ofSeconds(5));
        assertTrue(probes.probe(Target.method(Holder.class, "hold")).orElseThrow().instruments().get(0).state()
                == InstrumentStatus.State.ACTIVE);
    }
}
